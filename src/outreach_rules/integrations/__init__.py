"""Bridges to other libraries, each in its own module and imported only when asked for.

``outreach_rules.integrations.dask`` plans and simulates across a Dask
cluster. Importing ``outreach_rules`` never imports these modules, and a
module here imports its library only when one of its functions is called:

    pip install "outreach-rules[dask]"
"""
