# Pelican settings for the timeline benchmark (benchmarks/build.py; Pelican 4.12): the same pages as
# timeline's, read in place from a corpus written by benchmarks/make_corpus.py (the registry files
# content/*.yml have no reader, so Pelican skips them):
#   pelican ROOT/content -s benchmarks/pelican/pelicanconf.py -o OUT -q
import os

HERE = os.path.dirname(os.path.abspath(__file__))

SITENAME = "Timeline"
SITEURL = ""
AUTHOR = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = os.path.join(HERE, "theme")

# Our own plugin: YAML-front-matter Markdown reader + actor/location pages.
PLUGIN_PATHS = [HERE]
PLUGINS = ["timeline_plugin"]

PAGE_PATHS = []          # corpus has only articles
STATIC_PATHS = []
USE_FOLDER_AS_CATEGORY = False   # content/YYYY/ must not become categories
DEFAULT_CATEGORY = "timeline"
WITH_FUTURE_DATES = True

# Same URL layout as the Hugo and naive builds (pretty URLs).
ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_SAVE_AS = "tags/index.html"
ACTOR_URL = "actors/{slug}/"
ACTOR_SAVE_AS = "actors/{slug}/index.html"
LOCATION_URL = "locations/{slug}/"
LOCATION_SAVE_AS = "locations/{slug}/index.html"

# Disabled: category/author/archive pages, feeds, pagination, content cache.
DIRECT_TEMPLATES = ["index", "tags"]
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
