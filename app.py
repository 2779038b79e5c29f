"""ganlab web app: page config, language switch and navigation. Pages live in app_pages/.

Pages are listed here by file name, titled by the translation key `nav.<file stem>`; the Learn pages
are app_pages/learn_*.py in the lecture's order.
"""

from pathlib import Path

# Imported once, fully, before any figure: plotly imports pandas lazily and, when many sessions
# draw their first figure at once, hands some of them a half-initialised module (load test).
import pandas  # noqa: F401
import streamlit as st

from ganlab.serve import settings
from ganlab.ui import classroom
from ganlab.ui.lang import language_switch, tr

PAGES = Path(__file__).parent / "app_pages"

# A file of our own: a Material icon as page_icon makes the browser fetch it from Google's font
# servers (an error offline, a third-party request online), and an emoji needs an emoji font.
st.set_page_config(page_title="ganlab", page_icon=str(Path(__file__).parent / "assets" /
                                                       "favicon.png"), layout="wide")
language_switch()
classroom.style()


def page(stem: str, icon: str, default: bool = False, url_path: str | None = None,
         visibility: str = "visible"):
    return st.Page(PAGES / f"{stem}.py", title=tr(f"nav.{stem}"), icon=icon,
                   url_path=url_path or stem, default=default, visibility=visibility)


# Material icons ship with Streamlit's frontend (emoji need fonts a server may lack).
LEARN_ICONS = {"learn_sampling": ":material/target:", "learn_information": ":material/straighten:",
               "learn_mle": ":material/landscape:", "learn_gan_game": ":material/balance:",
               "learn_algorithm": ":material/format_list_numbered:",
               "learn_wgan": ":material/local_shipping:", "learn_dcgan": ":material/grid_on:",
               "learn_cyclegan": ":material/sync_alt:",
               "learn_evaluating": ":material/science:"}

# Showcase mode (GANLAB_SHOWCASE=1, docs/deploy.md) opens on the Gallery and leaves out Runs and
# Compare: they list, rename and delete every visitor's runs.
SHOWCASE = settings.get().showcase
train = [page("playground", ":material/tune:", default=not SHOWCASE),
         page("runs", ":material/folder_open:"), page("compare", ":material/compare:"),
         page("gallery", ":material/photo_library:", default=SHOWCASE)]
if SHOWCASE:
    train = [p for p in train if p.url_path not in ("runs", "compare")]
else:
    # The default page is served at "/" only, yet it reserves its own name: `/playground` (what
    # a teacher writes on the board, and share links' fallback) was "Page not found". The
    # default takes an unused name and a hidden second entry serves the page at /playground.
    # st.switch_page(path) picks the first entry, the visible one.
    train[0] = page("playground", ":material/tune:", default=True, url_path="playground-home")
    train.append(page("playground", ":material/tune:", visibility="hidden"))
learn = [page(stem, icon) for stem, icon in LEARN_ICONS.items()]

st.navigation({tr("nav.section.train"): train, tr("nav.section.learn"): learn},
              position="sidebar").run()
