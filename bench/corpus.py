"""A generated news web for crawl benchmarks: four sites in four languages and encodings, each a
paginated news list and article pages of 20–80 KB with the boilerplate real sites carry
(navigation, sidebars, related lists, footers), written to a directory as static files.

    python -m bench.corpus OUT_DIR --pages 20000
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

SITES = {
    # name: (encoding, meta charset, language, words, date format, label)
    "ru": ("cp1251", "windows-1251", "ru",
           "промышленность кластер предприятие регион область производство развитие инвестиции экономика город "
           "администрация завод программа поддержка рабочие места технологии проект министерство реестр бизнес "
           "малый средний станкостроение металлургия химия строительство транспорт логистика энергетика".split(),
           "%d-%m-%Y", "Дата публикации: "),
    "zh": ("gb18030", "gbk", "zh",
           list("工业和信息化部中小企业特色产业集群发展推动制造业数字化转型绿色低碳创新服务平台建设地方经济高质量"),
           "%Y-%m-%d", "发布时间："),
    "ko": ("euc-kr", "euc-kr", "ko",
           "산업 클러스터 중소기업 지원 사업 정부 지역 경제 발전 기술 혁신 투자 생산 수출 제조업 공단 단지 협력 "
           "연구 개발 인력 양성 정책 시장 성장 계획 발표 선정 추진 확대 강화".split(),
           "%Y/%m/%d 10:30:00", ""),
    "en": ("utf-8", "utf-8", "en",
           "industry cluster ministry regional growth investment manufacturing business support programme skills "
           "export innovation research partnership council funding workers factory energy transport digital "
           "supply chain local economy minister announced today new plan".split(),
           "%d %B %Y", "Published "),
}
TARGET_BYTES = (20_000, 80_000)
# Most news is not about clusters: 3% of the articles draw on the whole vocabulary (and read as
# cluster announcements), the rest on the vocabulary without the cluster words. (Until 2026-11-24
# every article did, so 38% read as announcements of one ever-growing list.)
CLUSTER_SHARE = 0.03
CLUSTER_WORDS = ("кластер", "集", "群", "클러스터", "cluster")


def _text(rng: random.Random, words: list[str], cjk: bool, length: int) -> str:
    joiner = "" if cjk else " "
    out, size = [], 0
    while size < length:
        n = rng.randint(8, 20)
        sentence = joiner.join(rng.choice(words) for _ in range(n))
        sentence = sentence + ("。" if cjk else ". ")
        out.append(sentence if cjk else sentence[0].upper() + sentence[1:])
        size += len(sentence.encode("utf-8"))
    return "".join(out)


def _chrome(rng, words, cjk, name) -> tuple[str, str, str]:
    nav = "".join(f'<li><a href="/list/{i % 5 + 1}.html">{_text(rng, words, cjk, 12)[:20]}</a></li>' for i in range(40))
    side = "".join(f'<li><a href="/list/{i % 3 + 1}.html">{_text(rng, words, cjk, 30)[:40]}</a>'
                   f'<p>{_text(rng, words, cjk, 120)}</p></li>' for i in range(25))
    foot = f'<div class="footer"><p>{_text(rng, words, cjk, 1500)}</p><p>© {name} 2025</p></div>'
    return (f'<div class="header"><div class="logo">{name}</div><ul class="nav">{nav}</ul></div>',
            f'<div class="sidebar"><ul>{side}</ul></div>', foot)


def generate(out: Path, pages: int, seed: int = 11) -> dict[str, int]:
    """Write ``pages`` article pages spread over the sites; returns articles per site."""
    rng = random.Random(seed)
    per_site = pages // len(SITES)
    counts = {}
    for name, (encoding, charset, lang, words, fmt, label) in SITES.items():
        site = out / name
        (site / "art").mkdir(parents=True, exist_ok=True)
        (site / "list").mkdir(parents=True, exist_ok=True)
        cjk = lang in ("zh",)
        header, sidebar, footer = _chrome(rng, words, cjk, f"{name} news portal")
        day = date(2025, 11, 1)
        entries = []
        plain = [w for w in words if not any(c in w for c in CLUSTER_WORDS)]
        for i in range(1, per_site + 1):
            day -= timedelta(days=rng.randint(0, 1))
            vocabulary = words if rng.random() < CLUSTER_SHARE else plain
            title = _text(rng, vocabulary, cjk, 60)[:40].strip(" .。")
            target = rng.randint(*TARGET_BYTES)
            chrome = len((header + sidebar + footer).encode(encoding, "replace"))
            body_len = max(target - chrome, 1500)
            paragraphs = "".join(f"<p>{_text(rng, vocabulary, cjk, 400)}</p>" for _ in range(max(body_len // 450, 2)))
            related = "".join(f'<li><a href="/art/{rng.randint(1, per_site)}.html">{_text(rng, words, cjk, 30)[:30]}</a>'
                              f' <span>{day.isoformat()}</span></li>' for _ in range(6))
            page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta http-equiv="Content-Type" '
                    f'content="text/html; charset={charset}"><title>{title} - {name}</title></head><body>{header}'
                    f'<div class="content"><h1>{title}</h1><div class="date">{label}{day.strftime(fmt)}</div>'
                    f'<div class="article-body">{paragraphs}</div><div class="related"><h3>Related</h3><ul>{related}'
                    f'</ul></div></div>{sidebar}{footer}</body></html>')
            (site / "art" / f"{i}.html").write_bytes(page.encode(encoding, "replace"))
            entries.append((i, title, day))
        per_list = 20
        lists = (len(entries) + per_list - 1) // per_list
        for n in range(1, lists + 1):
            chunk = entries[(n - 1) * per_list: n * per_list]
            items = "".join(f'<li><a href="/art/{i}.html">{t}</a> <span class="date">{d.isoformat()}</span></li>'
                            for i, t, d in chunk)
            pager = (f'<a href="/list/{n - 1}.html">prev</a> ' if n > 1 else "") + \
                    (f'<a href="/list/{n + 1}.html">next</a>' if n < lists else "")
            page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}"><title>News {n}</title></head>'
                    f'<body>{header}<div class="content"><h1>News</h1><ul class="news-list">{items}</ul>'
                    f'<div class="pager">{pager}</div></div>{sidebar}{footer}</body></html>')
            (site / "list" / f"{n}.html").write_bytes(page.encode(encoding, "replace"))
        (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
        counts[name] = per_site
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args(argv)
    print(generate(args.out, args.pages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
