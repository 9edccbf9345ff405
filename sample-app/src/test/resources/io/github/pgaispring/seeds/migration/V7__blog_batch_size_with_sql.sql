-- A change that needs no re-embedding applies in place, here in a SQL migration.
select ai.migrate_vectorizer('blog_content', processing => ai.processing_default(batch_size => 10));
