"""timeline: turn news articles into a browsable, publishable static timeline."""

__version__ = "0.2.0"
