"""A generated news web for crawl benchmarks: four sites in four languages and encodings, each a
paginated news list and article pages of 20–80 KB with the boilerplate real sites carry
(navigation, sidebars, related lists, footers), written to a directory as static files.

    python -m bench.corpus OUT_DIR --pages 20000
"""

from __future__ import annotations

import argparse
import itertools
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
           "工业和信息化部 中小企业 特色产业集群 产业集群 集群 发展 推动 制造业 数字化转型 绿色低碳 创新 服务平台 建设 "
           "地方经济 高质量 专精特新 名单 公布 认定 培育".split(),
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
# The everyday vocabulary of each site's news, most frequent first (drawn with Zipf-like weights),
# beside the topic words above. A few hundred words keep two articles as unlike as real news is:
# with the topic words alone, every Korean article read as a near copy of every other.
LEXICON = {
    "ru": """и в на с по для от к о из за при до как что это также который год года году более около время
работа работы область области города района власти правительство губернатор глава мэр совет депутаты закон
решение вопрос вопросы жители граждан населения школа школы больница дороги ремонт строительства жилья дом
домов улица улицы центр центра новый новые новых первый первой крупный крупных российский российских
федеральный областной местный муниципальный социальный общественный сельский молодёжь дети семьи культура
спорт образование здравоохранение бюджет средства рублей миллионов миллиардов процентов сумма стоимость цены
рынок торговля услуги компания компании организации учреждения сотрудники специалисты руководитель директор
министр заместитель председатель встреча совещание заседание конференция форум выставка мероприятие праздник
конкурс проверка контроль безопасность сообщает отметил подчеркнул заявил рассказал планируется состоится
прошла проходит получили получит выделено направлено реализации создания открытие открыли запуск участие
участники жителей региона страны мира начале конце марте апреле мае сентябре октябре ноябре декабре неделе
сегодня вчера ранее затем после кроме однако поэтому связи рамках целях итогам качестве""".split(),
    "zh": """我们 他们 今年 去年 目前 近日 日前 记者 表示 认为 指出 强调 介绍 要求 提出 推进 加快 加强 提升 完善
优化 落实 开展 组织 召开 举行 会议 活动 工作 项目 企业 公司 单位 部门 政府 地区 城市 农村 社区 居民 群众 市场
经济 社会 文化 教育 医疗 卫生 健康 交通 道路 住房 环境 生态 能源 电力 资金 投资 消费 收入 就业 人才 科技 技术
研究 服务 管理 安全 质量 标准 政策 措施 方案 计划 目标 任务 问题 情况 成果 水平 能力 体系 机制 基地 园区
产品 行业 领域 规模 总额 同比 增长 下降 亿元 万元 以上 以及 其中 同时 通过 进一步 全面 重点 积极 有效 主要
重要 相关 有关 各类 全国 全省 全市 本地 区域 农业 旅游 生产 销售 出口 进口 贸易 物流 金融 银行 保险 税收
财政 预算 支出 补贴 改革 开放 合作 交流 签约 启动 建成 投产 运营 升级 智能 网络 信息 数据""".split(),
    "ko": """그리고 이번 지난 올해 내년 오는 현재 최근 대한 위한 통해 따라 관련 함께 가장 또한 하지만 이에 지방
시장 도지사 군수 의회 위원회 장관 차관 관계자 주민 시민 국민 학생 기업 업체 기관 단체 협회 센터 본부 공사
계획 정책 제도 방안 대책 예산 비용 지원금 보조금 억원 만원 조원 퍼센트 증가 감소 확대 축소 개선 운영 설치
조성 건설 조사 분석 결과 평가 점검 회의 간담회 설명회 행사 축제 대회 교육 프로그램 서비스 시설 도로 교통
주택 환경 안전 건강 복지 문화 관광 체육 농업 어업 수산 에너지 전력 디지털 데이터 인공지능 반도체 자동차
조선 철강 화학 바이오 의료 병원 학교 대학 일자리 고용 청년 노인 아동 가족 여성 소상공인 전통시장 무역
물가 금리 경기 성장률 밝혔다 말했다 설명했다 강조했다 전했다 예정이다 했다 있다 없다 된다 한다 이다
것으로 것이다 위해 대해 통한 지난해 상반기 하반기 분기 오전 오후""".split(),
    "en": """the of and to in for on with at by from that this is was will be has have are were said year years
first last national government public people residents community city town county area north south east west
plans policy report data figures million billion percent pounds dollars budget cost costs price prices market
markets company companies firms jobs work staff employers businesses school schools college university students
hospital health care housing homes roads rail bus services service water power network sector trade consumer
demand growth rate rates higher lower increase rise fall told added confirmed expected could would should may
also after before during since while about over under between across more most than many some other week month
yesterday january february march april june july september october november december spokesperson chief
executive director chair board committee meeting review consultation proposal scheme project projects grant
grants help deliver delivery improve improvement build building built open opening launch launched visit
visitors event events sport culture arts festival centre park site sites land planning application approved
decision court police safety climate environment green carbon emissions travel""".split(),
}
TOPIC_WEIGHT = 0.15   # share of words drawn from the site's topic words
TARGET_BYTES = (20_000, 80_000)
# Most news is not about clusters: 3% of the articles draw on the whole vocabulary (and read as
# cluster announcements), the rest on the vocabulary without the cluster words. (Until 2026-11-24
# every article did, so 38% read as announcements of one ever-growing list.)
CLUSTER_SHARE = 0.03
CLUSTER_WORDS = ("кластер", "集", "群", "클러스터", "cluster")


def _vocabulary(lexicon: list[str], topic: list[str]) -> tuple[list[str], list[float]]:
    """Words and cumulative weights: the lexicon by Zipf's law, the topic words ``TOPIC_WEIGHT`` of the draws."""
    zipf = [1 / (rank + 1) for rank in range(len(lexicon))]
    each_topic = TOPIC_WEIGHT * sum(zipf) / (1 - TOPIC_WEIGHT) / len(topic)
    return lexicon + topic, list(itertools.accumulate(zipf + [each_topic] * len(topic)))


def _text(rng: random.Random, vocabulary: tuple[list[str], list[float]], cjk: bool, length: int) -> str:
    joiner = "" if cjk else " "
    words, cum_weights = vocabulary
    out, size = [], 0
    while size < length:
        n = rng.randint(8, 20)
        sentence = joiner.join(rng.choices(words, cum_weights=cum_weights, k=n))
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
        everything = _vocabulary(LEXICON[name], words)
        header, sidebar, footer = _chrome(rng, everything, cjk, f"{name} news portal")
        day = date(2025, 11, 1)
        entries = []
        plain = _vocabulary(LEXICON[name], [w for w in words if not any(c in w for c in CLUSTER_WORDS)])
        for i in range(1, per_site + 1):
            day -= timedelta(days=rng.randint(0, 1))
            vocabulary = everything if rng.random() < CLUSTER_SHARE else plain
            title = _text(rng, vocabulary, cjk, 60)[:40].strip(" .。")
            target = rng.randint(*TARGET_BYTES)
            chrome = len((header + sidebar + footer).encode(encoding, "replace"))
            body_len = max(target - chrome, 1500)
            paragraphs = "".join(f"<p>{_text(rng, vocabulary, cjk, 400)}</p>" for _ in range(max(body_len // 450, 2)))
            related = "".join(f'<li><a href="/art/{rng.randint(1, per_site)}.html">{_text(rng, everything, cjk, 30)[:30]}</a>'
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
