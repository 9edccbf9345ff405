create schema content;
create schema search;

create table content.articles (
    id bigint primary key,
    title text not null,
    body text not null,
    summary text not null
);

insert into content.articles (id, title, body, summary) values
(1, 'Why the sea has tides',
 'The Moon''s gravity pulls hardest on the side of the Earth facing it, raising a bulge of water; a second bulge forms on the far side. As the Earth turns beneath both bulges, most coasts see two high and two low tides a day. Spring tides come when Sun and Moon line up at new and full moon.',
 'How the Moon and the Sun raise the tides.'),
(2, 'Brewing green tea',
 'Green tea turns bitter in boiling water. Let the kettle cool to about 80 degrees, steep the leaves for two minutes, and pour off all the liquid so the leaves can be infused again.',
 'Water temperature and steeping time for green tea.'),
(3, 'How compilers optimise loops',
 'Compilers hoist invariant computations out of loops, unroll short loops to save branches, and vectorise simple loops so one instruction processes several array elements at once.',
 'Loop optimisations in compilers: hoisting, unrolling and vectorisation.');
