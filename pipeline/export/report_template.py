"""The Jinja2 template of report.html (kept in a module so it installs with the package).

Autoescaping is on: every quote from a transcript is escaped; only the figure fragments
that `pipeline.export.figures` renders are marked safe.
"""

TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{ origin }}">
<title>{{ project }}: report</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; margin: 0; color: #1d2733; background: #fafbfc; line-height: 1.45; }
header { background: #16324f; color: #fff; padding: 18px 32px; }
header h1 { margin: 0 0 4px 0; font-size: 26px; }
header p { margin: 0; opacity: 0.85; }
nav { background: #e8eef4; padding: 8px 32px; position: sticky; top: 0; z-index: 10;
  border-bottom: 1px solid #cdd8e3; }
nav a { margin-right: 14px; color: #16324f; text-decoration: none; font-weight: 600; }
main { padding: 8px 32px 40px 32px; max-width: 1400px; }
section { margin-top: 26px; }
h2 { border-bottom: 2px solid #16324f; padding-bottom: 4px; }
h3 { margin-bottom: 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: #fff; border: 1px solid #d9e1ea; border-radius: 6px; padding: 10px 16px;
  min-width: 110px; }
.card .n { font-size: 24px; font-weight: 700; color: #16324f; }
.card .l { font-size: 13px; color: #556; }
table { border-collapse: collapse; background: #fff; font-size: 13px; margin: 6px 0 12px 0; }
th, td { border: 1px solid #d9e1ea; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #eef3f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.term { background: #fff; border: 1px solid #d9e1ea; border-left: 6px solid var(--c);
  border-radius: 6px; padding: 6px 18px 12px 18px; margin-bottom: 22px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.grid > div { min-width: 0; overflow-x: auto; }
td.quote { min-width: 260px; }
table.kwic { table-layout: fixed; width: 100%; }
.kwic td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.kwic td.l { text-align: right; direction: rtl; }
.kwic td.k { font-weight: 700; color: var(--c); text-align: center; }
.muted { color: #667; font-size: 13px; }
blockquote { margin: 4px 0 8px 0; padding: 4px 10px; border-left: 3px solid #9fb3c8;
  background: #f4f7fa; font-size: 14px; }
pre { background: #fff; border: 1px solid #d9e1ea; padding: 10px; font-size: 12px;
  overflow-x: auto; }
.problem { color: #a33; font-weight: 600; }
</style>
<script>{{ plotly_js | safe }}</script>
</head>
<body>
<header>
  <h1>{{ project }}</h1>
  <p>Terms, associations and themes in {{ overview.n_documents }} Dutch meeting documents
  &middot; {{ origin }} &middot; {{ created }}</p>
</header>
<nav>
  <a href="#corpus">Corpus</a><a href="#terms">Terms</a>
  {% for t in terms %}<a href="#term-{{ loop.index }}">{{ t.term }}</a>{% endfor %}
  <a href="#themes">Themes</a><a href="#method">Method</a><a href="#files">Files</a>
</nav>
<main>
<section id="corpus">
  <h2>Corpus overview</h2>
  <div class="cards">
  {% for label, n in overview.cards %}
    <div class="card"><div class="n">{{ n }}</div><div class="l">{{ label }}</div></div>
  {% endfor %}
  </div>
  <h3>Documents</h3>
  {{ table(overview.documents) }}
  <h3>Ingest problems</h3>
  {% if overview.problems %}
  <p class="problem">{{ overview.problems | length }} input file(s) could not be used.</p>
  {{ table(overview.problems) }}
  {% else %}
  <p>All {{ overview.n_files }} input files were read.</p>
  {% endif %}
  <h3>Term hits per document</h3>
  {{ overview.figure | safe }}
</section>

<section id="terms">
  <h2>Terms</h2>
  {% for t in terms %}
  <div class="term" id="term-{{ loop.index }}" style="--c: {{ t.color }}">
    <h3>{{ t.term }}</h3>
    {% if t.n_hits == 0 %}
    <p class="muted">No occurrences of this term were found.</p>
    {% else %}
    <p>{{ plural(t.n_hits, "hit") }} in {{ plural(t.n_docs, "document") }},
       by {{ plural(t.n_speakers, "speaker") }}.
       <span class="muted">{{ t.definition }}</span></p>
    <div class="grid">
      <div><h4>Frequency per document</h4>{{ table(t.by_document) }}</div>
      <div><h4>Frequency per speaker{% if t.by_speaker | length == max_rows %}
        (top {{ max_rows }}){% endif %}</h4>{{ table(t.by_speaker) }}</div>
    </div>
    <h4>Keyword in context ({{ t.kwic | length }} of {{ t.n_hits }})</h4>
    <table class="kwic"><colgroup><col style="width:17%"><col style="width:11%">
      <col style="width:31%"><col style="width:12%"><col style="width:29%"></colgroup>
      <tr><th>document</th><th>speaker</th><th>left</th><th>term</th><th>right</th></tr>
    {% for k in t.kwic %}
      <tr><td>{{ k.doc_id }}</td><td>{{ k.speaker }}</td><td class="l"><bdi>{{ k.left }}</bdi></td>
      <td class="k">{{ k.keyword }}</td><td class="r">{{ k.right }}</td></tr>
    {% endfor %}
    </table>
    <h4>Top associations (by {{ measure }})</h4>
    {% if t.associations %}{{ table(t.associations) }}
    {% else %}<p class="muted">No associate passed the frequency thresholds.</p>{% endif %}
    <div class="grid">
      <div>
        <h4>Syntactic relations</h4>
        {% if t.relations %}{{ table(t.relations) }}
        {% else %}<p class="muted">No syntactic relations found.</p>{% endif %}
      </div>
      <div><h4>Association network</h4>
        {% if t.figure %}{{ t.figure | safe }}
        {% else %}<p class="muted">No associations to draw.</p>{% endif %}</div>
    </div>
    {% endif %}
  </div>
  {% endfor %}
</section>

<section id="themes">
  <h2>Themes</h2>
  <p>{{ themes.rows | length }} themes over the contexts of the focal terms.
     Each theme is nested under every term it occurs with in the codebook.</p>
  <h3>Themes &times; terms (contexts)</h3>
  {{ themes.figure | safe }}
  {% for th in themes.rows %}
  <h3>{{ th.code }} <span class="muted">({{ plural(th.size, "context") }},
    {{ plural(th.n_docs, "document") }})</span></h3>
  <p><b>Keywords:</b> {{ th.keywords }}</p>
  {% for q in th.quotes %}<blockquote>{{ q }}</blockquote>{% endfor %}
  {% endfor %}
  {% if themes.metrics %}<h3>Theme model metrics</h3>{{ table(themes.metrics) }}{% endif %}
</section>

<section id="method">
  <h2>Method</h2>
  <h3>Annotating model</h3>
  {{ table(method.model) }}
  <h3>Export notes</h3>
  <ul>{% for note in method.notes %}<li>{{ note }}</li>{% endfor %}</ul>
  <h3>Parameters of this run</h3>
  <pre>{{ method.params }}</pre>
</section>

<section id="files">
  <h2>Files</h2>
  <ul>{% for name, what in files %}<li><a href="{{ name }}">{{ name }}</a>: {{ what }}</li>
  {% endfor %}</ul>
</section>
</main>
</body>
</html>
"""

TABLE_MACRO = r"""{% macro plural(n, word) -%}
{{ n }} {{ word }}{% if n != 1 %}s{% endif %}
{%- endmacro %}
{% macro table(rows) -%}
{%- if rows -%}
<table><tr>{% for c in rows[0].keys() %}<th>{{ c }}</th>{% endfor %}</tr>
{%- for r in rows %}<tr>{% for v in r.values() %}
<td{% if v is number %} class="num"{% endif %}>{{ v }}</td>{% endfor %}</tr>{% endfor %}
</table>
{%- else -%}<p class="muted">(none)</p>{%- endif -%}
{%- endmacro %}"""
