// A live plotly chart, redrawn in place (see plotly_react.py for why).
//
// Three things keep a ticking page cheap for the browser:
// - Plotly.react on the same plot, never a fresh one;
// - traces marked `meta: "canvas"` (the picture's samples, arrows and noise grid) are painted on
//   one <canvas> over the plot instead of as thousands of SVG nodes;
// - a chart that is off screen, or in a hidden tab, keeps only its newest frame and draws it
//   when it is seen again.

function loadPlotly(src) {
  // One <script> per page however many charts ask; later charts wait on the same promise.
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__ganlabPlotly) {
    window.__ganlabPlotly = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = () => resolve(window.Plotly);
      s.onerror = () => { window.__ganlabPlotly = null; reject(new Error("plotly.js: " + src)); };
      document.head.appendChild(s);
    });
  }
  return window.__ganlabPlotly;
}

// --- canvas layers -----------------------------------------------------------------------------
// Measured in headless Chromium: the picture's ~1,500 SVG markers took ~80 ms of a ~110 ms
// redraw. On a canvas they take a few ms. Plotly keeps a data-less copy of each such trace, so
// the legend still shows it and a legend click still hides it. Drawn: what the marked traces use
// (lines with NaN breaks, circles with an outline, plotly's "arrow" marker), on linear axes with
// fixed ranges (plotly cannot autorange on data it never sees).
function splitLayers(data) {
  const layers = new Map();
  const shown = data.map((trace, i) => {
    if (trace.meta !== "canvas") return trace;
    const marker = trace.marker || {};
    layers.set(i, { trace, xs: values(trace.x), ys: values(trace.y),
      angles: typeof marker.angle === "object" ? values(marker.angle) : null });
    return Object.assign({}, trace, { x: [null], y: [null] });
  });
  return [shown, layers];
}

// plotly.py sends numeric arrays as base64 typed arrays ({dtype, bdata}); plotly.js decodes them
// itself, but these traces never reach it with their data.
const DTYPES = { f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array,
  i2: Int16Array, u2: Uint16Array, i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray };

function values(v) {
  if (v === undefined || v === null) return [];
  if (typeof v !== "object" || Array.isArray(v) || v.bdata === undefined) return v;
  const bin = atob(v.bdata);
  const bytes = new Uint8Array(bin.length);
  for (let k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
  return new DTYPES[v.dtype](bytes.buffer);
}

const ok = (x, y) => Number.isFinite(x) && Number.isFinite(y);   // NaN breaks a line

function axisRange(gd, ax, name) {
  // While a pan or scroll-zoom is being dragged plotly has not yet set the axis range: the
  // "plotly_relayouting" event carries it.
  const moving = gd.__moving || {};
  const r = moving[name + ".range"];
  if (r) return r;
  if (moving[name + ".range[0]"] !== undefined) {
    return [moving[name + ".range[0]"], moving[name + ".range[1]"]];
  }
  return ax.range;
}

function canvasOf(gd, width, height) {
  const box = gd.querySelector(".svg-container");
  if (!box) return null;
  let cv = gd.__canvas;
  if (!cv || cv.parentNode !== box) {
    cv = document.createElement("canvas");
    cv.className = "ganlab-layers";
    cv.style.cssText = "position:absolute;left:0;top:0;pointer-events:none";
    box.appendChild(cv);
    gd.__canvas = cv;
  }
  const dpr = window.devicePixelRatio || 1;
  if (cv.width !== Math.round(width * dpr) || cv.height !== Math.round(height * dpr)) {
    cv.width = Math.round(width * dpr);
    cv.height = Math.round(height * dpr);
    cv.style.width = width + "px";
    cv.style.height = height + "px";
  }
  const ctx = cv.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

const first = (v, fallback) => (Array.isArray(v) ? v[0] : v) ?? fallback;

function strokeLines(ctx, xs, ys, px, py, line) {
  ctx.beginPath();
  let open = false;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k], y = ys[k];
    if (!ok(x, y)) { open = false; continue; }
    if (open) ctx.lineTo(px(x), py(y)); else ctx.moveTo(px(x), py(y));
    open = true;
  }
  ctx.strokeStyle = first(line.color, "#444");
  ctx.lineWidth = first(line.width, 2);
  ctx.lineJoin = "round";
  ctx.stroke();
}

function drawMarkers(ctx, xs, ys, angles, px, py, marker) {
  const r = first(marker.size, 6) / 2;
  const outline = marker.line || {};
  const lw = first(outline.width, 0);
  ctx.fillStyle = first(marker.color, "#444");
  ctx.strokeStyle = first(outline.color, "white");
  ctx.lineWidth = lw;
  if (marker.symbol === "arrow") {
    // plotly's "arrow": tip on the point, 1.9r long, 0.62r half-width, `angle` degrees
    // clockwise from up.
    const len = 2 * r * Math.sin(Math.PI / 2.5), half = 2 * r * Math.cos(Math.PI / 2.5);
    for (let k = 0; k < xs.length; k++) {
      if (!ok(xs[k], ys[k])) continue;
      const a = (angles ? angles[k] : marker.angle) || 0;
      ctx.save();
      ctx.translate(px(xs[k]), py(ys[k]));
      ctx.rotate(a * Math.PI / 180);
      ctx.beginPath();
      ctx.moveTo(0, 0);
      ctx.lineTo(-half, len);
      ctx.lineTo(half, len);
      ctx.closePath();
      ctx.fill();
      ctx.restore();
    }
    return;
  }
  for (let k = 0; k < xs.length; k++) {   // one by one: later dots cover earlier outlines, as in SVG
    if (!ok(xs[k], ys[k])) continue;
    ctx.beginPath();
    ctx.arc(px(xs[k]), py(ys[k]), r, 0, 2 * Math.PI);
    ctx.fill();
    if (lw > 0) ctx.stroke();
  }
}

function paint(gd) {
  const fl = gd._fullLayout;
  if (!fl || !gd.__layers) return;
  if (!gd.__layers.size && !gd.__canvas) return;
  const ctx = canvasOf(gd, fl.width, fl.height);
  if (!ctx) return;
  for (const [i, { trace, xs, ys, angles }] of gd.__layers) {
    const full = gd._fullData.find((t) => t.index === i);
    if (!full || full.visible !== true) continue;          // hidden from the legend
    const xname = "xaxis" + full.xaxis.slice(1), yname = "yaxis" + full.yaxis.slice(1);
    const xa = fl[xname], ya = fl[yname];
    if (!xa || !ya) continue;
    const [x0, x1] = axisRange(gd, xa, xname), [y0, y1] = axisRange(gd, ya, yname);
    const px = (v) => xa._offset + (v - x0) / (x1 - x0) * xa._length;
    const py = (v) => ya._offset + (y1 - v) / (y1 - y0) * ya._length;
    ctx.save();
    ctx.beginPath();
    ctx.rect(xa._offset, ya._offset, xa._length, ya._length);
    ctx.clip();
    ctx.globalAlpha = (full.opacity ?? 1) * first((trace.marker || {}).opacity, 1);
    const mode = trace.mode || "markers";
    if (mode.includes("lines")) strokeLines(ctx, xs, ys, px, py, trace.line || {});
    if (mode.includes("markers")) drawMarkers(ctx, xs, ys, angles, px, py, trace.marker || {});
    ctx.restore();
  }
  gd.__shown = gd.__layers;   // what the canvas shows now (tests and benchmarks read it)
}

function schedulePaint(gd) {
  if (gd.__paintQueued) return;
  gd.__paintQueued = true;
  requestAnimationFrame(() => { gd.__paintQueued = false; paint(gd); });
}

// --- drawing only what is seen -----------------------------------------------------------------
function seen(gd) {
  return gd.__inView !== false && document.visibilityState !== "hidden";
}

function pump(gd) {
  if (gd.__busy || !gd.__next || !gd.isConnected || !seen(gd)) return;
  gd.__busy = true;
  loadPlotly(gd.__next.src).then((Plotly) => draw(Plotly, gd), (err) => {
    gd.__busy = false;
    gd.textContent = String(err);
  });
}

function draw(Plotly, gd) {
  // Only the newest figure matters: a frame that arrives while the last one is being drawn
  // replaces the waiting one instead of queueing behind it.
  const d = gd.__next;
  gd.__next = null;
  if (!d || !gd.isConnected) { gd.__busy = false; return; }
  const fig = JSON.parse(d.spec);
  // A constant uirevision keeps what the user did (zoom, pan, legend clicks) across frames.
  fig.layout = Object.assign({ uirevision: "live" }, fig.layout);
  const [data, layers] = splitLayers(fig.data || []);
  gd.__layers = layers;
  Plotly.react(gd, data, fig.layout, JSON.parse(d.config)).then(() => {
    if (!gd.__resize) watchPlot(Plotly, gd);
    schedulePaint(gd);   // once per frame, whether or not plotly also announced "afterplot"
    gd.__busy = false;
    requestAnimationFrame(() => pump(gd));
  }, (err) => {
    gd.__busy = false;
    // A chart that left the page mid-draw was purged under plotly's feet: not a failure.
    if (!gd.__gone) console.error("ganlab live chart:", err);
  });
}

function watchPlot(Plotly, gd) {
  // Zoom, pan, legend clicks and resizes redraw plotly's layers without us: repaint ours.
  gd.on("plotly_relayouting", (e) => { gd.__moving = e; schedulePaint(gd); });
  const settled = () => { gd.__moving = null; schedulePaint(gd); };
  gd.on("plotly_relayout", settled);
  gd.on("plotly_restyle", settled);
  gd.on("plotly_afterplot", settled);
  // Follow the column's width (window, sidebar, layout changes). A plot that is hidden or
  // detached at that moment is skipped: it is sized again when it is next drawn.
  gd.__resize = new ResizeObserver(() => {
    if (gd._fullLayout && gd.isConnected && gd.offsetWidth > 0) {
      Plotly.Plots.resize(gd).then(() => schedulePaint(gd), () => {});
    }
  });
  gd.__resize.observe(gd);
}

function setup(gd) {
  gd.__inView = true;       // until the observer's first report: draw the first frame anyway
  const view = new IntersectionObserver((entries) => {
    gd.__inView = entries[entries.length - 1].isIntersecting;
    pump(gd);
  });
  view.observe(gd);
  const onVisibility = () => pump(gd);
  document.addEventListener("visibilitychange", onVisibility);
  // Streamlit calls the last returned function once, when the chart leaves the page.
  gd.__cleanup = () => {
    gd.__gone = true;
    document.removeEventListener("visibilitychange", onVisibility);
    view.disconnect();
    if (gd.__resize) gd.__resize.disconnect();
    if (window.Plotly) window.Plotly.purge(gd);
    gd.remove();
  };
}

export default function (component) {
  const { data, parentElement } = component;
  let gd = parentElement.querySelector(":scope > .ganlab-live");
  if (!gd) {
    gd = document.createElement("div");
    gd.className = "ganlab-live";
    parentElement.appendChild(gd);
    setup(gd);
  }
  gd.__next = data;
  pump(gd);
  return gd.__cleanup;
}
