"""The Streamlit layer: the only package of ganlab (with app.py and app_pages/) that imports
streamlit."""
