"""The style sheet and the small screen script of report.html.

The page is laid out for every width from a 360 px phone to a wide screen: the page
itself never scrolls sideways. Wide tables scroll inside their own box, the navigation
bar scrolls along its line, two-column blocks fall to one column, and quotes wrap. The
plotly figures resize with their box (`responsive` in `figures._CONFIG`); on a narrow
screen the script below gives the figures that carry short labels in their
`layout.meta` (the theme × term heat map) those labels, so that every label still shows.
"""

STYLE = r"""
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; margin: 0; color: #1d2733; background: #fafbfc; line-height: 1.45;
  overflow-wrap: break-word; }
header { background: #16324f; color: #fff; padding: 18px clamp(12px, 4vw, 32px); }
header h1 { margin: 0 0 4px 0; font-size: clamp(21px, 5vw, 26px); }
header p { margin: 0 0 4px 0; opacity: 0.9; }
header a { color: #fff; }
nav { background: #e8eef4; padding: 8px clamp(12px, 4vw, 32px); position: sticky; top: 0;
  z-index: 10; border-bottom: 1px solid #cdd8e3; display: flex; gap: 4px 14px;
  overflow-x: auto; white-space: nowrap; scrollbar-width: thin; }
nav a { flex: none; color: #16324f; text-decoration: none; font-weight: 600;
  padding: 2px 0; }
main { padding: 8px clamp(12px, 4vw, 32px) 40px; max-width: 1400px; }
section { margin-top: 26px; scroll-margin-top: 44px; }
.term { scroll-margin-top: 44px; }
h2 { border-bottom: 2px solid #16324f; padding-bottom: 4px; }
h3 { margin-bottom: 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { background: #fff; border: 1px solid #d9e1ea; border-radius: 6px; padding: 8px 14px;
  min-width: 96px; flex: 1 1 96px; max-width: 180px; }
.card .n { font-size: 22px; font-weight: 700; color: #16324f; }
.card .l { font-size: 13px; color: #556; }
.scroll { max-width: 100%; overflow-x: auto; margin: 6px 0 12px 0; }
.scroll > table { margin: 0; }
table { border-collapse: collapse; background: #fff; font-size: 13px; margin: 6px 0 12px 0; }
th, td { border: 1px solid #d9e1ea; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #eef3f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.term { background: #fff; border: 1px solid #d9e1ea; border-left: 6px solid var(--c);
  border-radius: 6px; padding: 6px clamp(8px, 3vw, 18px) 12px; margin-bottom: 22px; }
.grid { display: grid; gap: 16px;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); }
.grid > div { min-width: 0; }
table.kwic { table-layout: fixed; width: 100%; min-width: 560px; }
.kwic td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.kwic td.l { text-align: right; direction: rtl; }
.kwic td.k { font-weight: 700; color: var(--c); text-align: center; }
.muted { color: #667; font-size: 13px; }
blockquote { margin: 4px 0 8px 0; padding: 4px 10px; border-left: 3px solid #9fb3c8;
  background: #f4f7fa; font-size: 14px; }
pre { background: #fff; border: 1px solid #d9e1ea; padding: 10px; font-size: 12px;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.problem { color: #a33; font-weight: 600; }
.plot { width: 100%; min-width: 0; }
.files li { margin-bottom: 4px; }
.files code { overflow-wrap: anywhere; }
@media (max-width: 600px) {
  table { font-size: 12px; }
  th, td { padding: 3px 5px; }
  h2 { font-size: 20px; }
  blockquote { font-size: 13px; }
}
"""

NARROW_SCRIPT = r"""
(function () {
  var narrow = window.matchMedia("(max-width: 600px)");
  function fit() {
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      var meta = gd.layout && gd.layout.meta;
      if (!meta || !meta.narrow) { return; }
      var update = narrow.matches ? meta.narrow : meta.wide;
      Plotly.update(gd, update.data || {}, update.layout || {});
    });
  }
  window.addEventListener("load", fit);
  if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
})();
"""
