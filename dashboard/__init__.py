"""The Streamlit dashboard over the facts table: filter, chart, compare, trace and download claims."""
