// The per-department, per-area percentages of enkat-results(5), Scores,
// computed by DuckDB (npm package @duckdb/node-api) the way a data-savvy
// analyst would: read_csv over the result files with the schema given (no
// sniffing), one GROUP BY. Used by bench/bench-merge.sh, which copies this
// file next to its node_modules in the benchmark's cache folder.
//
//   node duckdb-means.mjs 'DIR/*.csv' OUT.tsv
//
// OUT.tsv: department, area_id, percent (full precision), tab-separated,
// one line per department and area, final results only.
import { DuckDBInstance } from '@duckdb/node-api';

const [glob, out] = process.argv.slice(2);
if (!glob || !out) {
	console.error('usage: node duckdb-means.mjs GLOB OUT.tsv');
	process.exit(2);
}
const lit = (s) => "'" + s.replace(/'/g, "''") + "'";
// enkat-results(5), in the order of the header
const columns = {
	survey_id: 'VARCHAR', survey_version: 'INTEGER', survey_sha256: 'VARCHAR',
	department: 'VARCHAR', respondent: 'VARCHAR', status: 'VARCHAR',
	updated_at: 'VARCHAR', area_id: 'VARCHAR', area_title: 'VARCHAR',
	area_weight: 'DOUBLE', question_id: 'VARCHAR', question_text: 'VARCHAR',
	level: 'INTEGER', answer: 'VARCHAR', value: 'DOUBLE', max_value: 'DOUBLE',
	weight: 'DOUBLE', na: 'INTEGER', comment: 'VARCHAR', area_target: 'INTEGER',
	threshold: 'DOUBLE', type: 'VARCHAR', state: 'VARCHAR', answer_label: 'VARCHAR',
};
const schema = '{' + Object.entries(columns)
	.map(([k, v]) => `${lit(k)}: ${lit(v)}`).join(', ') + '}';

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
// area % = 100 * sum(weight * share) / sum(weight) over the applicable,
// scored rows; an unanswered row's empty value counts as 0
await con.run(`COPY (
	SELECT department, area_id,
	       100 * sum(weight * coalesce(value, 0) / max_value) / sum(weight) AS pct
	FROM read_csv(${lit(glob)}, header = true, delim = ',', quote = '"',
	              escape = '"', auto_detect = false, columns = ${schema})
	WHERE na = 0 AND max_value IS NOT NULL AND status = 'final'
	GROUP BY department, area_id
	ORDER BY department, area_id
) TO ${lit(out)} (FORMAT csv, HEADER false, DELIMITER '\t', QUOTE '')`);
