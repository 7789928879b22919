#!/bin/sh
# Writes department result files (enkat-results(5)) with known answers, and
# optionally the figures those answers must give, computed here in awk
# straight from the formulas in enkat-results(5), Scores -- independently of
# enkat's code, so they can serve as the oracle of enkat-merge's output.
#
#   tests/gen-results.sh [-n DEPTS] [-q QUESTIONS] [-a AREAS] [-v VERSION]
#       [-s SEED] [-b] [-D K] [-f] [-t TRUTHDIR] OUTDIR
#
#   -n  departments (default 14), -q questions (60), -a areas (9)
#   -v  survey version (2026); -s seed of the answers (1)
#   -b  the "b" variant of the survey: question q002 left out, and an area
#       'extra' with question x01 added, for the change between versions
#   -D  every K-th department is a draft
#   -f  fast: plain texts with no comma and no comments (for the benchmark,
#       and for tests that edit fields with awk -F,)
#   -t  write TRUTHDIR/matrix.csv (department, one column per area id,
#       overall: percentages with one decimal) and TRUTHDIR/questions.csv
#       (question_id, answered, unanswered, na, mean_points, mean_percent,
#       below_threshold)
#
# Files are named OUTDIR/gen-VERSION-dNNNNN.csv. Department NNNNN is called
# "Förvaltning NNNNN", every fifth "Kultur, fritid NNNNN" (a comma to quote).
set -eu

n=14 q=60 a=9 version=2026 seed=1 variant=a draft=0 fast=0 truth=""
while getopts n:q:a:v:s:bD:ft: opt; do
	case "$opt" in
	n) n=$OPTARG ;; q) q=$OPTARG ;; a) a=$OPTARG ;; v) version=$OPTARG ;;
	s) seed=$OPTARG ;; b) variant=b ;; D) draft=$OPTARG ;; f) fast=1 ;;
	t) truth=$OPTARG ;;
	*) echo "usage: $0 [-n N] [-q N] [-a N] [-v V] [-s S] [-b] [-D K] [-f] [-t DIR] OUTDIR" >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [options] OUTDIR" >&2; exit 2; }
out=$1
mkdir -p "$out"
[ -z "$truth" ] || mkdir -p "$truth"
# a survey hash of its own for each survey version and variant
sha=$(printf 'gen %s %s' "$version" "$variant" | sha256sum | cut -c1-64)

LC_ALL=C awk -v N="$n" -v Q="$q" -v A="$a" -v V="$version" -v SEED="$seed" \
	-v VARIANT="$variant" -v DRAFT="$draft" -v FAST="$fast" -v SHA="$sha" \
	-v OUT="$out" -v TRUTH="$truth" '
function rnd() { R = (R * 48271) % 2147483647; return R / 2147483647 }
function csv(s) {
	if (s ~ /[",;\r\n]/ || s ~ /^ / || s ~ / $/) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
	return s
}
function neut(s) { return (s ~ /^\047*[-=+@\t\r]/) ? "\047" s : s }
BEGIN {
	T = 0.75
	header = "survey_id,survey_version,survey_sha256,department,respondent,status," \
		"updated_at,area_id,area_title,area_weight,question_id,question_text,level," \
		"answer,value,max_value,weight,na,comment,area_target,threshold,type,state," \
		"answer_label"
	# the survey: questions in presentation order, area by area
	nq = 0
	for (j = 0; j < Q; j++) {
		if (VARIANT == "b" && j == 1) continue
		k = ++nq
		qid[k] = sprintf("q%03d", j + 1)
		qa[k] = int(j * A / Q)
		t = j % 10
		qt[k] = (t == 0 || t == 1 || t == 4 || t == 7) ? "scale" : (t == 2 || t == 6) ? "yesno" \
			: t == 3 ? "choice" : t == 5 ? "multi" : t == 8 ? "number" : "text"
		qmax[k] = qt[k] == "scale" ? 4 : qt[k] == "yesno" ? 2 : qt[k] == "choice" ? 3 \
			: qt[k] == "multi" ? 4 : ""
		qlev[k] = qmax[k] == "" ? "" : 1 + (j % 4)
		qw[k] = j % 3 == 0 ? 2 : j % 5 == 0 ? 0.5 : 1
		qtext[k] = FAST ? "Fråga " (j + 1) : (j % 7 == 0 ? "=Fråga " (j + 1) "?" \
			: "Fråga " (j + 1) ", om \"åtgärder\" för område " (qa[k] + 1) "?")
	}
	na_ = A
	for (i = 0; i < A; i++) {
		aid[i] = sprintf("a%02d", i + 1)
		atitle[i] = FAST ? "Område " (i + 1) : "Område " (i + 1) ", \"del\" åäö"
		aw[i] = 1 + i % 3
		atarget[i] = 1 + i % 3
	}
	if (VARIANT == "b") {
		aid[A] = "extra"; atitle[A] = "Extra område"; aw[A] = 1; atarget[A] = 1
		k = ++nq; qid[k] = "x01"; qa[k] = A; qt[k] = "scale"; qmax[k] = 4; qlev[k] = 1
		qw[k] = 1; qtext[k] = "Extra fråga?"
		na_ = A + 1
	}
	split("Nej,Lite,Delvis,Mycket,Helt", scl, ",")
	for (d = 1; d <= N; d++) {
		dep = (d % 5 == 0 ? "Kultur, fritid " : "Förvaltning ") sprintf("%05d", d)
		status = DRAFT > 0 && d % DRAFT == 0 ? "draft" : "final"
		file = sprintf("%s/gen-%s-d%05d.csv", OUT, V, d)
		printf "%s\r\n", header > file
		for (i = 0; i < na_; i++) { num[i] = 0; den[i] = 0 }
		for (k = 1; k <= nq; k++) {
			R = (SEED * 7919 + d * 104729 + k * 1299709 + V * 31) % 2147483647 + 1
			rnd(); rnd()
			u = rnd(); c = rnd()
			allow_na = (k % 4 == 0)
			state = u < 0.80 ? "answered" : u < 0.88 ? "unanswered" \
				: (allow_na ? (u < 0.96 ? "na" : "hidden") : "answered")
			ans = ""; val = ""; lab = ""
			if (state == "answered") {
				if (qt[k] == "scale") { o = int(c * 5); ans = o; val = o; lab = scl[o + 1] }
				else if (qt[k] == "yesno") {
					o = int(c * 3); ans = o == 2 ? "yes" : o == 1 ? "partly" : "no"
					val = o; lab = o == 2 ? "Ja" : o == 1 ? "Delvis" : "Nej"
				} else if (qt[k] == "choice") {
					o = int(c * 3); ans = o == 0 ? "lo" : o == 1 ? "mid" : "hi"
					val = o == 0 ? 0 : o == 1 ? 1.5 : 3
					lab = o == 0 ? "Låg" : o == 1 ? "Mellan" : "Hög"
				} else if (qt[k] == "multi") {
					o = int(c * 8); ans = ""; lab = ""; val = 0
					if (o % 2) { ans = "a"; lab = "Kurs"; val += 1 }
					if (int(o / 2) % 2) { ans = ans (ans == "" ? "" : ";") "b"
						lab = lab (lab == "" ? "" : "; ") "Film"; val += 1 }
					if (int(o / 4) % 2) { ans = ans (ans == "" ? "" : ";") "c"
						lab = lab (lab == "" ? "" : "; ") "Övning"; val += 2 }
					if (ans == "") { state = "unanswered"; val = "" }
				} else if (qt[k] == "number") { ans = sprintf("%.1f", c * 100 - 10) }
				else { ans = FAST ? "fritt svar " d : "fritt svar " d ", med komma" }
			}
			nav = (state == "na" || state == "hidden") ? 1 : 0
			comment = ""
			if (!FAST && k % 7 == 0) comment = "Kommentar, med \"citat\"\nrad två"
			if (!FAST && k % 11 == 0) comment = "=HYPERLINK(\"http://x\")"
			i = qa[k]
			printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n", \
				"gen", V, SHA, csv(neut(dep)), csv("Åsa Öberg"), status, \
				"2026-11-20T10:00:00Z", aid[i], csv(neut(atitle[i])), aw[i], qid[k], \
				csv(neut(qtext[k])), qlev[k], csv(neut(ans)), val, qmax[k], qw[k], nav, \
				csv(neut(comment)), atarget[i], T, qt[k], state, csv(neut(lab)) > file
			# the oracle: enkat-results(5), Scores, in the same order of sums
			if (qmax[k] != "" && !nav) {
				num[i] += state == "answered" ? qw[k] * val / qmax[k] : 0
				den[i] += qw[k]
			}
			if (status != "final") continue
			if (state == "answered") qans[k]++
			else if (state == "unanswered") qun[k]++
			else qna[k]++
			if (qmax[k] != "" && !nav) {
				tq[k]++
				tp[k] += state == "answered" ? val : 0
				tsh[k] += state == "answered" ? val / qmax[k] : 0
				if (!(state == "answered" && val >= T * qmax[k] - 1e-9)) tb[k]++
			}
		}
		close(file)
		if (TRUTH == "" || status != "final") continue
		line = csv(neut(dep)); ws = 0; wsum = 0
		for (i = 0; i < na_; i++) {
			if (den[i] > 0) {
				p = 100 * num[i] / den[i]
				line = line "," sprintf("%.1f", p)
				ws += aw[i] * p; wsum += aw[i]
			} else line = line ","
		}
		line = line "," (wsum > 0 ? sprintf("%.1f", ws / wsum) : "")
		rows[++nrows] = line
	}
	if (TRUTH == "") exit
	f = TRUTH "/matrix.csv"
	h = "department"
	for (i = 0; i < na_; i++) h = h "," aid[i]
	print h ",overall" > f
	for (r = 1; r <= nrows; r++) print rows[r] > f
	close(f)
	f = TRUTH "/questions.csv"
	print "question_id,answered,unanswered,na,mean_points,mean_percent,below_threshold" > f
	for (k = 1; k <= nq; k++) {
		if (qmax[k] != "" && tq[k] > 0)
			m = sprintf("%.2f,%.1f,%d", tp[k] / tq[k], 100 * tsh[k] / tq[k], tb[k])
		else
			m = qmax[k] != "" ? ",,0" : ",,"
		printf "%s,%d,%d,%d,%s\n", qid[k], qans[k], qun[k], qna[k], m > f
	}
	close(f)
}'
