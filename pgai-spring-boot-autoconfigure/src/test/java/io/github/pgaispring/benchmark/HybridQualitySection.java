package io.github.pgaispring.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.repository.HybridSearchResult;
import io.github.pgaispring.sql.SetTextIndexing;

import org.springframework.data.domain.Limit;

/**
 * Retrieval quality of vector-only and hybrid search on the manual page sections of the recall set, drawn in a
 * seeded random order: each query is a distinctive term of one section (a word no other stored section has) or a phrase of five words from it;
 * the target is that section. A query scores when one of the ten results is a chunk of the target section:
 * recall@10 is the share of queries that score, MRR@10 the mean of 1 / rank of the first such chunk.
 */
final class HybridQualitySection {

	private static final int K = 10;

	private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z_-]{5,}");

	private HybridQualitySection() {
	}

	/**
	 * Runs the comparison.
	 * @param repository the repository
	 * @param dataSource the database
	 * @param sections the stored sections; section {@code i} is stored with source id {@code i + 1}
	 * @param queries how many queries of each kind
	 */
	static void run(SearchDocumentSearch repository, DataSource dataSource, List<Document> sections, int queries)
			throws SQLException {
		Report.section("3. Retrieval quality: vector-only vs hybrid (RRF k 60, lists of 4 x k), manual pages");
		long started = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			SetTextIndexing.name("public_search_documents_embedding_store").execute(connection);
		}
		Report.line("text index (ai.set_text_indexing, english) on the stored chunks", "%.1f s",
				Report.seconds(System.nanoTime() - started));
		Map<String, Integer> documentFrequency = new HashMap<>();
		List<List<String>> words = new ArrayList<>();
		for (Document section : sections) {
			List<String> sectionWords = words(section.title() + " " + section.content());
			words.add(sectionWords);
			sectionWords.stream().distinct().forEach((word) -> documentFrequency.merge(word, 1, Integer::sum));
		}
		Map<String, Long> terms = new LinkedHashMap<>();
		Map<String, Long> phrases = new LinkedHashMap<>();
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < sections.size(); i++) {
			order.add(i);
		}
		Collections.shuffle(order, new Random(42));
		for (int i : order) {
			if (terms.size() >= queries && phrases.size() >= queries) {
				break;
			}
			List<String> sectionWords = words.get(i);
			String term = sectionWords.stream()
				.filter((word) -> documentFrequency.get(word) == 1)
				.max((a, b) -> Integer.compare(a.length(), b.length()))
				.orElse(null);
			if (term != null && terms.size() < queries) {
				terms.put(term, (long) i + 1);
			}
			String[] tokens = sections.get(i).content().split("\\s+");
			if (tokens.length >= 20 && phrases.size() < queries) {
				int start = tokens.length / 2;
				phrases.put(String.join(" ", List.of(tokens).subList(start, start + 5)), (long) i + 1);
			}
		}
		Report.line("queries", "%d distinctive terms (a word of one stored section only), %d five-word phrases",
				terms.size(), phrases.size());
		compare("distinctive term", terms, repository);
		compare("five-word phrase", phrases, repository);
	}

	private static void compare(String kind, Map<String, Long> queries, SearchDocumentSearch repository) {
		measure(kind + ", vector only", queries, (query) -> repository.findNearestByCosine(query, Limit.of(K))
			.stream()
			.map(SearchDocumentEmbedding::getId)
			.toList());
		measure(kind + ", hybrid", queries, (query) -> repository.findHybridByCosine(query, Limit.of(K))
			.stream()
			.map(HybridSearchResult::getContent)
			.map(SearchDocumentEmbedding::getId)
			.toList());
	}

	private static void measure(String label, Map<String, Long> queries, Function<String, List<Long>> search) {
		int hits = 0;
		double reciprocalRanks = 0;
		Samples latency = new Samples();
		for (Map.Entry<String, Long> query : queries.entrySet()) {
			long started = System.nanoTime();
			List<Long> sections = search.apply(query.getKey());
			latency.add((System.nanoTime() - started) / 1e6);
			int rank = sections.indexOf(query.getValue());
			if (rank >= 0) {
				hits++;
				reciprocalRanks += 1.0 / (rank + 1);
			}
		}
		Report.line(label, "recall@%d %.3f, MRR@%d %.3f, median %.1f ms (query embedding included)", K,
				(double) hits / queries.size(), K, reciprocalRanks / queries.size(), latency.median());
	}

	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			words.add(matcher.group().toLowerCase(Locale.ROOT));
		}
		return words;
	}

}
