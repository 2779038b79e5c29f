"""ganlab web app: page config, language switch and navigation. Pages live in app_pages/.

Pages are listed here by file name; a page whose file does not exist yet is simply left out.
Learn pages are discovered as app_pages/learn_*.py, titled by the translation key `nav.<file stem>`.
"""

from pathlib import Path

# Imported once, fully, before any figure: plotly imports pandas lazily and, when many sessions
# draw their first figure at once, hands some of them a half-initialised module (load test).
import pandas  # noqa: F401
import streamlit as st

from ganlab import settings
from ganlab.ui import classroom
from ganlab.ui.lang import language_switch, tr

PAGES = Path(__file__).parent / "app_pages"

st.set_page_config(page_title="ganlab", page_icon=":material/casino:", layout="wide")
language_switch()
classroom.style()


def page(stem: str, icon: str, default: bool = False, url_path: str | None = None,
         visibility: str = "visible"):
    path = PAGES / f"{stem}.py"
    if not path.is_file():
        return None
    return st.Page(path, title=tr(f"nav.{stem}"), icon=icon, url_path=url_path or stem,
                   default=default, visibility=visibility)


# Material icons ship with Streamlit's frontend (emoji need fonts a server may lack).
LEARN_ICONS = {"learn_sampling": ":material/target:", "learn_information": ":material/straighten:",
               "learn_mle": ":material/landscape:", "learn_gan_game": ":material/balance:",
               "learn_wgan": ":material/local_shipping:", "learn_cyclegan": ":material/sync_alt:",
               "learn_evaluating": ":material/science:"}
LEARN_ORDER = list(LEARN_ICONS)

# Showcase mode (GANLAB_SHOWCASE=1, docs/deploy.md) opens on the Gallery and leaves out Runs and
# Compare: they list, rename and delete every visitor's runs.
SHOWCASE = settings.get().showcase
train = [page("playground", ":material/tune:", default=not SHOWCASE),
         page("runs", ":material/folder_open:"), page("compare", ":material/compare:"),
         page("gallery", ":material/photo_library:", default=SHOWCASE)]
if SHOWCASE:
    train = [p for p in train if p is not None and p.url_path not in ("runs", "compare")]
else:
    # The default page is served at "/" only, yet it reserves its own name: `/playground` (what
    # a teacher writes on the board, and share links' fallback) was "Page not found". The
    # default takes an unused name and a hidden second entry serves the page at /playground.
    # st.switch_page(path) picks the first entry, the visible one.
    train[0] = page("playground", ":material/tune:", default=True, url_path="playground-home")
    train.append(page("playground", ":material/tune:", visibility="hidden"))
learn_stems = sorted((p.stem for p in PAGES.glob("learn_*.py")),
                     key=lambda s: (LEARN_ORDER.index(s) if s in LEARN_ORDER else 99, s))
learn = [page(s, LEARN_ICONS.get(s, ":material/menu_book:")) for s in learn_stems]

sections = {tr("nav.section.train"): [p for p in train if p],
            tr("nav.section.learn"): [p for p in learn if p]}
st.navigation({k: v for k, v in sections.items() if v}, position="sidebar").run()
