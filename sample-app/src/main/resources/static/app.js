'use strict';

const $ = (id) => document.getElementById(id);

async function api(path, options = {}) {
	const response = await fetch(path, {
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		...options,
	});
	if (!response.ok) {
		const problem = await response.json().catch(() => ({}));
		throw new Error(problem.detail || `${response.status} ${response.statusText}`);
	}
	return response.status === 204 ? null : response.json();
}

function element(tag, className, text) {
	const node = document.createElement(tag);
	if (className) node.className = className;
	if (text !== undefined) node.textContent = text;
	return node;
}

function showMessage(target, text, isError) {
	target.textContent = text;
	target.classList.toggle('error', Boolean(isError));
	target.hidden = !text;
}

// The vectorizer stores each chunk formatted as "$title - $chunk"; show the chunk without the repeated title.
function chunkText(hit) {
	const prefix = `${hit.title} - `;
	return hit.chunk.startsWith(prefix) ? hit.chunk.slice(prefix.length) : hit.chunk;
}

let page = 0;

function mode() {
	return document.querySelector('input[name="mode"]:checked').value;
}

function ranks(hit) {
	const parts = [];
	if (hit.vectorRank) parts.push(`meaning #${hit.vectorRank}`);
	if (hit.textRank) parts.push(`words #${hit.textRank}`);
	if (hit.score !== null && hit.score !== undefined) parts.push(`score ${hit.score.toFixed(4)}`);
	parts.push(`distance ${hit.distance.toFixed(3)}`);
	return parts.join(' · ');
}

async function search(event, requestedPage = 0) {
	event?.preventDefault();
	const params = new URLSearchParams({ q: $('q').value, k: $('k').value, mode: mode(), page: requestedPage });
	if ($('title').value.trim()) params.set('title', $('title').value.trim());
	const results = $('results');
	try {
		const hits = await api(`/api/posts/search?${params}`);
		page = requestedPage;
		results.start = page * Number($('k').value) + 1;
		results.replaceChildren(...hits.map((hit) => {
			const item = element('li', 'hit');
			const heading = element('div', 'hit-heading');
			heading.append(element('span', 'hit-title', hit.title), element('span', 'distance', ranks(hit)));
			item.append(heading, element('p', 'chunk', chunkText(hit)));
			return item;
		}));
		showMessage($('search-message'), hits.length ? '' : 'Nothing found.');
		$('previous').hidden = page === 0;
		$('next').hidden = hits.length < Number($('k').value);
		$('page-label').textContent = hits.length || page > 0 ? `page ${page + 1}` : '';
	}
	catch (error) {
		results.replaceChildren();
		showMessage($('search-message'), error.message, true);
	}
}

async function loadPosts() {
	const posts = await api('/api/posts');
	$('posts').replaceChildren(...posts.map((post) => {
		const item = element('li', 'post');
		const remove = element('button', 'link', 'delete');
		remove.type = 'button';
		remove.title = `Delete “${post.title}”`;
		remove.addEventListener('click', () => deletePost(post));
		item.append(element('span', 'post-title', post.title), remove);
		item.title = post.content.slice(0, 300);
		return item;
	}));
}

async function deletePost(post) {
	if (!confirm(`Delete “${post.title}”?`)) return;
	await api(`/api/posts/${post.id}`, { method: 'DELETE' });
	await Promise.all([loadPosts(), refreshStatus()]);
}

async function publish(event) {
	event.preventDefault();
	const form = event.target;
	try {
		const post = await api('/api/posts', {
			method: 'POST',
			body: JSON.stringify({ title: form.title.value, content: form.content.value }),
		});
		form.reset();
		showMessage($('post-message'), `Published “${post.title}”. It is searchable once embedded.`);
		await Promise.all([loadPosts(), refreshStatus()]);
	}
	catch (error) {
		showMessage($('post-message'), error.message, true);
	}
}

let statusTimer;

// Embedding status from the starter's Actuator endpoint: every vectorizer's queue, failed rows and the backlog
// the worker is working off (with its ETA).
async function refreshStatus() {
	clearTimeout(statusTimer);
	const status = $('status');
	try {
		const current = await api('/actuator/pgai');
		if (current.error) throw new Error(current.error);
		const vectorizers = Object.values(current.vectorizers);
		const pending = vectorizers.reduce((sum, vectorizer) => sum + vectorizer.pending, 0);
		const failed = vectorizers.reduce((sum, vectorizer) => sum + vectorizer.failed, 0);
		const backlog = vectorizers.map((vectorizer) => vectorizer.backlog).find(Boolean);
		status.classList.toggle('pending', pending > 0);
		status.classList.toggle('failed', pending === 0 && failed > 0);
		if (pending > 0) {
			const eta = backlog?.eta ? `, about ${seconds(backlog.eta)} left` : '';
			status.textContent = `Embedding… ${pending} post${pending === 1 ? '' : 's'} queued`
				+ (backlog ? ` (${backlog.percent} % of this backlog${eta})` : '') + '.';
			statusTimer = setTimeout(refreshStatus, 1000);
		}
		else {
			status.textContent = failed > 0
				? `${failed} post${failed === 1 ? '' : 's'} could not be embedded: see /actuator/pgai.`
				: 'Every post is embedded and searchable.';
		}
	}
	catch (error) {
		status.textContent = `Status unavailable: ${error.message}`;
	}
}

// An ISO-8601 duration such as PT12.5S or PT1M3S, in seconds.
function seconds(duration) {
	const match = /PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?/.exec(duration) || [];
	const total = (Number(match[1] || 0) * 3600) + (Number(match[2] || 0) * 60) + Number(match[3] || 0);
	return `${Math.round(total)} s`;
}

$('search-form').addEventListener('submit', (event) => search(event, 0));
$('previous').addEventListener('click', () => search(null, page - 1));
$('next').addEventListener('click', () => search(null, page + 1));
document.querySelectorAll('input[name="mode"]').forEach((radio) => radio.addEventListener('change', () => {
	if ($('q').value.trim()) search(null, 0);
}));
$('post-form').addEventListener('submit', publish);
const initialQuery = new URLSearchParams(location.search).get('q');
if (initialQuery) {
	$('q').value = initialQuery;
	search();
}
loadPosts();
refreshStatus();
