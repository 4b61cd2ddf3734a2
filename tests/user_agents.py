"""The User-Agent tests send as an ordinary visitor's browser: pages count its visits
and the page cache serves it, unlike a crawler or a script."""

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0 Safari/537.36"
)
