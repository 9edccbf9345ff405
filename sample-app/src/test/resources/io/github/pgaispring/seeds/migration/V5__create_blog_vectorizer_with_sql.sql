-- Creates a vectorizer with pgai's SQL API, as pgai's documentation shows it (with the in-process model
-- instead of ai.embedding_openai('text-embedding-3-small', 768)).
select ai.create_vectorizer(
    'blog'::regclass,
    name => 'blog_content',
    loading => ai.loading_column('content'),
    embedding => ai.embedding_onnx('all-minilm-l6-v2', 384),
    chunking => ai.chunking_recursive_character_text_splitter(
        50,  -- chunk_size
        10   -- chunk_overlap
    ),
    destination => ai.destination_table(target_table => 'blog_embeddings')
);
