// A formula whose terms answer the mouse (see hover_formula.py for why it is built this way).
//
// The formula is typeset by the KaTeX that Streamlit's own frontend ships (its ES module chunk,
// imported once per page), with \htmlData{term=NAME}{...} around each term. Hovering (or
// focusing) a term lights the figure traces it names, dims the others, and writes the term's
// current value under the formula. The plot is found by its traces' names; its SVG is restyled
// with classes only, so the next redraw of the chart (a slider moved) starts clean.

const CSS = `
.ganlab-formula [data-term] { cursor: help; border-bottom: 2px dotted #f0a500;
  border-radius: 3px; transition: background .12s; }
.ganlab-formula [data-term].ganlab-on { background: #fff0c2; }
.ganlab-formula .ganlab-value { min-height: 3.6rem; display: flex; align-items: center;
  justify-content: center; text-align: center; color: #444;
  font-size: 0.95em; }
.ganlab-formula .ganlab-value.ganlab-hint { color: #888; font-size: 0.85em; }
.ganlab-hovering .scatterlayer .trace { opacity: 0.15 !important; transition: opacity .12s; }
.ganlab-hovering .scatterlayer .trace.ganlab-lit { opacity: 1 !important; }
.ganlab-hovering .scatterlayer .trace.ganlab-lit .js-line { stroke-width: 5px !important; }
.ganlab-hovering .scatterlayer .trace.ganlab-lit .js-fill { fill-opacity: 1 !important; }
`;

function katexOf(src) {
  if (!window.__ganlabKatex) {
    // Absolute: this module itself is loaded from a blob, against which a path cannot resolve.
    window.__ganlabKatex = import(new URL(src, window.location.origin).href).then((m) => m.default || m, (err) => {
      window.__ganlabKatex = null;
      throw err;
    });
  }
  return window.__ganlabKatex;
}

function addStyle() {
  if (document.getElementById("ganlab-formula-css")) return;
  const s = document.createElement("style");
  s.id = "ganlab-formula-css";
  s.textContent = CSS;
  document.head.appendChild(s);
}

const OPTIONS = { throwOnError: false, strict: "ignore",
  trust: (ctx) => ctx.command === "\\htmlData" };

function traceName(g) {
  const d = g.__data__;                     // plotly binds each trace's calcdata to its group
  const cd = Array.isArray(d) ? d[0] : d;
  return cd && cd.trace ? cd.trace.name : undefined;
}

function plotWith(names) {
  // The plot that draws every one of these traces (names are unique on a Learn page).
  for (const gd of document.querySelectorAll(".js-plotly-plot")) {
    const have = new Set((gd._fullData || []).map((t) => t.name));
    if (names.every((n) => have.has(n))) return gd;
  }
  return null;
}

function light(term, on) {
  const gd = plotWith(term.traces);
  if (!gd) return;
  gd.classList.toggle("ganlab-hovering", on);
  for (const g of gd.querySelectorAll(".scatterlayer .trace")) {
    g.classList.toggle("ganlab-lit", on && term.traces.includes(traceName(g)));
  }
}

function draw(katex, root, d) {
  const terms = JSON.parse(d.terms);
  const byName = new Map(terms.map((t) => [t.name, t]));
  root.innerHTML = "";
  const math = document.createElement("div");
  katex.render(d.tex, math, Object.assign({ displayMode: true }, OPTIONS));
  const value = document.createElement("div");
  const hint = () => { value.className = "ganlab-value ganlab-hint"; value.textContent = d.hint; };
  hint();
  root.append(math, value);
  for (const el of math.querySelectorAll("[data-term]")) {
    const term = byName.get(el.dataset.term);
    if (!term) continue;
    el.tabIndex = 0;                        // keyboards and touch screens: focus works too
    const enter = () => {
      el.classList.add("ganlab-on");
      light(term, true);
      value.className = "ganlab-value";
      katex.render(`\\displaystyle ${term.label} = ${term.value}`, value, OPTIONS);
    };
    const leave = () => { el.classList.remove("ganlab-on"); light(term, false); hint(); };
    el.addEventListener("mouseenter", enter);
    el.addEventListener("mouseleave", leave);
    el.addEventListener("focus", enter);
    el.addEventListener("blur", leave);
  }
}

export default function (component) {
  const { data, parentElement } = component;
  addStyle();
  let root = parentElement.querySelector(":scope > .ganlab-formula");
  if (!root) {
    root = document.createElement("div");
    root.className = "ganlab-formula";
    parentElement.appendChild(root);
  }
  katexOf(data.src).then((katex) => draw(katex, root, data), (err) => {
    root.textContent = String(err);
  });
}
