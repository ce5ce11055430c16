"""The Jinja2 template of report.html (kept in a module so it installs with the package).

Autoescaping is on: every quote from a transcript is escaped; only the figure fragments
that `pipeline.export.figures` renders, the style sheet and the script of
`pipeline.export.report_style` are marked safe. Every table sits in a box that scrolls
sideways on its own, so no table widens the page.
"""

TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{ origin }}">
<title>{{ project }}: report</title>
<style>{{ style | safe }}</style>
<script>{{ plotly_js | safe }}</script>
</head>
<body>
<header>
  <h1>{{ project }}</h1>
  <p>Terms, associations and themes in {{ overview.n_documents }} Dutch meeting documents
  &middot; {{ origin }} &middot; {{ created }}</p>
  <p>This page links to {{ files | length }} files of this run
  {%- if files | selectattr("embedded") | list %}, and carries its CSV tables inside it
  {%- else %} that must sit next to it{% endif %}: see <a href="#files">Files</a>.</p>
</header>
<nav>
  <a href="#corpus">Corpus</a><a href="#terms">Terms</a>
  {% for t in terms %}<a href="#term-{{ loop.index }}">{{ t.term }}</a>{% endfor %}
  <a href="#themes">Themes</a>{% if agreement %}<a href="#agreement">Agreement</a>{% endif %}
  <a href="#method">Method</a><a href="#files">Files</a>
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
  <div class="plot">{{ overview.figure | safe }}</div>
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
    <div class="scroll"><table class="kwic"><colgroup><col style="width:17%"><col style="width:11%">
      <col style="width:31%"><col style="width:12%"><col style="width:29%"></colgroup>
      <tr><th>document</th><th>speaker</th><th>left</th><th>term</th><th>right</th></tr>
    {% for k in t.kwic %}
      <tr><td>{{ k.doc_id }}</td><td>{{ k.speaker }}</td><td class="l"><bdi>{{ k.left }}</bdi></td>
      <td class="k">{{ k.keyword }}{% if k.match_kind in ("anaphor", "bridged") %}
        <small class="muted">({{ k.match_kind }})</small>{% endif %}</td>
      <td class="r">{{ k.right }}</td></tr>
    {% endfor %}
    </table></div>
    {% if t.variants %}<h4>Suggested variants (derivations in the corpus, not matched)</h4>
    <p class="muted">Add the ones you want to <code>associate.terms.{{ t.term }}.variants</code>
      in params.yaml; <code>term_variants.csv</code> lists them all.</p>
    {{ table(t.variants) }}{% endif %}
    <h4>Top associations (stated ones first, then as ranked in associations.csv)</h4>
    {% if t.associations %}{{ table(t.associations) }}
    {% else %}<p class="muted">No associate passed the frequency thresholds.</p>{% endif %}
    <div class="grid">
      <div>
        <h4>Syntactic relations</h4>
        {% if t.relations %}{{ table(t.relations) }}
        {% else %}<p class="muted">No syntactic relations found.</p>{% endif %}
      </div>
      <div><h4>Association network</h4>
        {% if t.figure %}<div class="plot">{{ t.figure | safe }}</div>
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
  <div class="plot">{{ themes.figure | safe }}</div>
  {% for th in themes.rows %}
  <h3>{{ th.code }} <span class="muted">({{ plural(th.size, "context") }},
    {{ plural(th.n_docs, "document") }})</span></h3>
  <p><b>Keywords:</b> {{ th.keywords }}</p>
  {% for q in th.quotes %}<blockquote>{{ q }}</blockquote>{% endfor %}
  {% endfor %}
  {% if themes.metrics %}<h3>Theme model metrics</h3>{{ table(themes.metrics) }}{% endif %}
</section>

{% if agreement %}{% set a = agreement %}
<section id="agreement">
  <h2>Agreement with the coded project</h2>
  <p>Coded project <code>{{ a.project }}</code>{% if a.coders %}, coded by
  {{ a.coders | join(", ") }}{% endif %}{% if a.codebook %}; researcher's codebook
  <code>{{ a.codebook }}</code>{% endif %}. Unit: {{ a.unit }}; a coding counts for a unit
  when it covers at least {{ a.min_overlap }} of it (<code>compare.min_overlap</code>).
  The human coder (a) is the reference of precision and recall.</p>
  <p>{{ a.codings.mapped }} of {{ plural(a.codings.total, "coding") }} mapped onto the
  documents; {{ a.codings.mapped_exactly }} ({{ a.codings.exact_percent }}) mapped exactly;
  mean share of characters mapped exactly: {{ a.codings.exact_share_mean }}.</p>
  <h3>Agreement per pair</h3>
  {% if a.pairs %}<div class="scroll"><table class="agreement"><tr><th>kind</th>
  <th>coder a</th><th>code a</th><th>coder b</th><th>code b</th><th>paired by</th>
  <th>units</th><th>&kappa;</th><th>&alpha;</th><th>precision</th><th>recall</th>
  <th>F1</th></tr>
  {% for p in a.pairs %}<tr><td>{{ p.kind }}</td><td>{{ p.coder_a }}</td><td>{{ p.code_a }}</td>
  <td>{{ p.coder_b }}</td><td>{{ p.code_b }}</td><td>{{ p.paired_by }}</td>
  <td class="num">{{ p.units }}</td>{% for c in p.cells %}<td class="num"
  {%- if c.title %} title="{{ c.title }}"{% endif %}>{{ c.text }}</td>{% endfor %}</tr>
  {% endfor %}</table></div>
  <p class="muted">&ndash;: undefined (hover for why); agreement.csv has every pair.</p>
  {% else %}<p class="muted">No pair of codes to compare.</p>{% endif %}
  <h3>Human codes &times; kruispunt codes (units)</h3>
  {% if a.figure %}<div class="plot">{{ a.figure | safe }}</div>
  {% else %}<p class="muted">No units to compare.</p>{% endif %}
  <h3>Where the coders disagree</h3>
  {% for d in a.disagreements %}
  <h4>{{ d.code_a }} ({{ d.coder_a }}) &times; {{ d.code_b }} ({{ d.coder_b }})
  <span class="muted">({{ d.kind }}; {{ d.units | length }} of
  {{ plural(d.n, "unit") }})</span></h4>
  {% for u in d.units %}<p class="muted">{{ u.doc_id }} &middot; {{ u.unit_id }} &middot;
  coded {{ u.code }} by {{ u.coded_by }} only</p><blockquote>{{ u.quote }}</blockquote>
  {% endfor %}{% else %}<p class="muted">No units of disagreement.</p>{% endfor %}
  <h3>Sources matched to documents</h3>
  {{ table(a.matched) }}
  <h3>Sources not matched</h3>
  {% if a.unmatched %}<p class="problem">{{ plural(a.unmatched | length, "source") }} of
  the project matched no document; their codings are not compared.</p>
  {{ table(a.unmatched) }}{% else %}<p>Every source matched a document.</p>{% endif %}
  <h3>Codings not mapped</h3>
  {% if a.unmapped %}{{ table(a.unmapped) }}
  {% else %}<p>Every coding of a matched source was mapped.</p>{% endif %}
  {% if a.problems %}<h3>Problems reading the project</h3>
  <ul>{% for p in a.problems %}<li>{{ p }}</li>{% endfor %}</ul>{% endif %}
</section>
{% endif %}

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
  <p>{{ files_summary(files) }}</p>
  {% if files | selectattr("embedded") | list %}
  <p>The CSV tables are embedded in this page (<code>export.embed_tables: true</code>): their
  links save them from the page itself, so they work wherever this page goes. The other
  files are links to files next to this page in the run's <code>reports/</code> folder:
  they open only when the page is in that folder.</p>
  {% else %}
  <p>The links are relative: each one opens a file next to this page, in the run's
  <code>reports/</code> folder. Share the whole folder (for example as a zip) and they keep
  working; sent on its own, this page keeps its text and charts but its links break. Set
  <code>export.embed_tables: true</code> to carry the CSV tables inside the page.</p>
  {% endif %}
  <ul class="files">{% for f in files %}<li>
  {%- if f.embedded %}<a href="{{ f.href }}" download="{{ f.name }}">{{ f.name }}</a>
  (embedded){% else %}<a href="{{ f.href }}">{{ f.name }}</a>
  (<code>reports/{{ f.name }}</code>){% endif %}: {{ f.what }}</li>
  {% endfor %}</ul>
</section>
</main>
<script>{{ narrow_script | safe }}</script>
</body>
</html>
"""

TABLE_MACRO = r"""{% macro plural(n, word) -%}
{{ n }} {{ word }}{% if n != 1 %}s{% endif %}
{%- endmacro %}
{% macro files_summary(files) -%}
{%- set inside = files | selectattr("embedded") | list | length -%}
This report links to {{ files | length }} files: {% for f in files %}{{ f.name }}
{%- if not loop.last %}, {% endif %}{% endfor %}.
{%- if inside %} {{ inside }} of them (the CSV tables) are embedded in the page itself;
the others must sit next to it.{% else %} They must sit next to this page, in the same
folder.{% endif %}
{%- endmacro %}
{% macro table(rows) -%}
{%- if rows -%}
<div class="scroll"><table><tr>{% for c in rows[0].keys() %}<th>{{ c }}</th>{% endfor %}</tr>
{%- for r in rows %}<tr>{% for v in r.values() %}
<td{% if v is number %} class="num"{% endif %}>{{ v }}</td>{% endfor %}</tr>{% endfor %}
</table></div>
{%- else -%}<p class="muted">(none)</p>{%- endif -%}
{%- endmacro %}"""
