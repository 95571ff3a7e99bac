// Builds the news list and the articles from the JSON API, as many ministry portals do.
function el(tag, attrs, text) {
  var node = document.createElement(tag);
  for (var k in attrs) node.setAttribute(k, attrs[k]);
  if (text) node.textContent = text;
  return node;
}
function loadNewsList() {
  fetch('/api/news.json').then(function (r) { return r.json(); }).then(function (items) {
    var list = document.getElementById('news-list');
    list.innerHTML = '';
    items.forEach(function (item) {
      var li = el('li', {class: 'news-item'});
      li.appendChild(el('a', {href: '/article.html?id=' + item.id}, item.title));
      li.appendChild(el('span', {class: 'date'}, item.date));
      list.appendChild(li);
    });
  });
}
function loadArticle() {
  var id = new URLSearchParams(location.search).get('id');
  fetch('/api/article/' + id + '.json').then(function (r) { return r.json(); }).then(function (a) {
    document.title = a.title + ' — Ministry of Industrial Development';
    var box = document.getElementById('article');
    box.innerHTML = '';
    box.appendChild(el('h1', {}, a.title));
    box.appendChild(el('p', {class: 'meta'}, 'Published ' + a.date));
    a.paragraphs.forEach(function (p) { box.appendChild(el('p', {}, p)); });
    var rel = document.getElementById('related');
    (a.related || []).forEach(function (r) {
      var li = el('li'); li.appendChild(el('a', {href: '/article.html?id=' + r.id}, r.title)); rel.appendChild(li);
    });
  });
}
