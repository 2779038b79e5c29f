# ganlab as a container image: the web app plus its training workers, one process tree.
# Not built in CI (no docker there); see docs/deploy.md for build, run and GPU notes.
#
#   docker build -t ganlab .
#   docker run --rm -p 127.0.0.1:8501:8501 -v ganlab-runs:/var/lib/ganlab/runs ganlab
#
# CPU-only torch keeps the image small. For a GPU box build with the CUDA wheels instead:
#   docker build --build-arg TORCH_INDEX=https://download.pytorch.org/whl/cu130 -t ganlab:gpu .
# and run with `--gpus all` (NVIDIA Container Toolkit).
FROM python:3.11-slim

ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The app and its bundled gallery live in /app, owned by root and read-only to the app user.
WORKDIR /app
COPY pyproject.toml README.md ./
COPY ganlab ./ganlab
# Torch first, from the chosen index, so `pip install` below does not pull the default wheel.
RUN pip install --index-url "$TORCH_INDEX" "torch>=2.4,<2.15" "torchvision>=0.19,<0.30"
COPY app.py ./
COPY app_pages ./app_pages
COPY assets ./assets
COPY .streamlit ./.streamlit
# The CJK web font the theme serves (.streamlit/config.toml [[theme.fontFaces]]).
COPY static ./static
# Editable: `ganlab app` finds app.py next to the package, and Streamlit reads
# /app/.streamlit/config.toml (the hosting defaults) because `ganlab app` runs from /app.
RUN pip install -e .

# Runs and data are the only writable places, on a volume; the app runs as a plain user.
RUN useradd --system --uid 10001 --home-dir /var/lib/ganlab --create-home ganlab \
    && mkdir -p /var/lib/ganlab/runs /var/lib/ganlab/data \
    && chown -R ganlab:ganlab /var/lib/ganlab
USER ganlab
VOLUME ["/var/lib/ganlab"]

# Public-demo defaults (docs/deploy.md lists every setting). Inside a container the server must
# listen on all interfaces: publish the port on the host's loopback behind a TLS proxy.
ENV GANLAB_SHOWCASE=1 \
    GANLAB_RUNS=/var/lib/ganlab/runs \
    GANLAB_DATA=/var/lib/ganlab/data \
    OMP_NUM_THREADS=1 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"

# Fail fast on a bad setting, then start the app (it stops its workers on SIGTERM).
CMD ["sh", "-c", "python -m ganlab.serve.settings >/dev/null && exec ganlab app --port 8501"]
