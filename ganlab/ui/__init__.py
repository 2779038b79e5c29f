"""The Streamlit layer: the only package of ganlab (with app.py and pages/) that imports streamlit."""
