-- A user's Flyway migration that relies on the ai catalog being installed before Flyway runs.
create table blog_posts (id bigint primary key, title text not null, content text not null);
select ai.create_vectorizer('blog_posts'::regclass,
    loading => ai.loading_column('content'),
    embedding => ai.embedding_onnx('all-minilm-l6-v2', 384),
    chunking => ai.chunking_recursive_character_text_splitter(200, 20));
