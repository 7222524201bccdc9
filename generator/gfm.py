"""GitHub Flavored Markdown to HTML with cmark-gfm (the library cmarkgfm ships), freeing what it allocates."""

from __future__ import annotations

import importlib.metadata

import cffi
from cmarkgfm import _cmark

VERSION = importlib.metadata.version("cmarkgfm")
EXTENSIONS = (b"table", b"strikethrough", b"autolink", b"tasklist")  # footnotes are an option; no tagfilter: nh3 cleans raw HTML

# cmarkgfm's own functions never free the document tree nor the HTML they return (some 50 times the size of the
# text: gigabytes in a large build), so the library it ships is called directly, with the two frees it leaves out
_FFI = cffi.FFI()
_FFI.cdef("""
    typedef struct { void *(*calloc)(size_t, size_t); void *(*realloc)(void *, size_t); void (*free)(void *); } cmark_mem;
    cmark_mem *cmark_get_default_mem_allocator(void);
    void cmark_gfm_core_extensions_ensure_registered(void);
    void *cmark_find_syntax_extension(const char *name);
    void *cmark_parser_new(int options);
    int cmark_parser_attach_syntax_extension(void *parser, void *extension);
    void cmark_parser_feed(void *parser, const char *buffer, size_t len);
    void *cmark_parser_finish(void *parser);
    void *cmark_parser_get_syntax_extensions(void *parser);
    char *cmark_render_html(void *root, int options, void *extensions);
    void cmark_node_free(void *node);
    void cmark_parser_free(void *parser);
""")
_LIB = _FFI.dlopen(_cmark.__file__)
_LIB.cmark_gfm_core_extensions_ensure_registered()
_EXTENSIONS = [_LIB.cmark_find_syntax_extension(name) for name in EXTENSIONS]
# raw HTML is kept for nh3 to clean; footnotes; strikethrough only with ~~, as "~5 km" is not struck; invalid UTF-8 (a lone
# surrogate) becomes U+FFFD
OPTIONS = _cmark.lib.CMARK_OPT_UNSAFE | _cmark.lib.CMARK_OPT_FOOTNOTES | _cmark.lib.CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | _cmark.lib.CMARK_OPT_VALIDATE_UTF8


def gfm_to_html(text: str, sourcepos: bool = False) -> str:
    """The HTML of a GitHub Flavored Markdown text, raw HTML in it passed through as written; with `sourcepos`, each
    block's element says its lines (data-sourcepos="3:1-4:20")."""
    data = text.encode("utf-8", "surrogatepass")
    options = OPTIONS | (_cmark.lib.CMARK_OPT_SOURCEPOS if sourcepos else 0)
    parser = _LIB.cmark_parser_new(options)
    try:
        for extension in _EXTENSIONS:
            _LIB.cmark_parser_attach_syntax_extension(parser, extension)
        _LIB.cmark_parser_feed(parser, data, len(data))
        root = _LIB.cmark_parser_finish(parser)
        try:
            html = _LIB.cmark_render_html(root, options, _LIB.cmark_parser_get_syntax_extensions(parser))
        finally:
            _LIB.cmark_node_free(root)
    finally:
        _LIB.cmark_parser_free(parser)
    try:
        return _FFI.string(html).decode("utf-8")
    finally:
        _LIB.cmark_get_default_mem_allocator().free(html)
