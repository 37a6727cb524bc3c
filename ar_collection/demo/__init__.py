from . import ar_collection_demo
