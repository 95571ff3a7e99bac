<!DOCTYPE html>
<html lang="ko">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">
<title>즉시 뉴스 - 중국산업정보망</title>
<meta name="keywords" content="중국 산업 뉴스, 방직, 의류, 산업 클러스터, 면화, 박람회">
<meta name="description" content="즉시 뉴스 목록">
<link rel="stylesheet" href="/css/ko.css" type="text/css">
</head>
<body>
<div id="topbar"><div class="inner"><span>중국 산업 소식을 한국어로 전해 드립니다</span>
<span class="lang">한국어 | <span>中文</span> | <span>English</span></span></div></div>
<div id="header"><div class="inner">
<h1 class="logo"><a href="/index.html">중국산업정보망</a></h1><span class="sub">방직 · 의류 · 산업 클러스터 전문 뉴스</span>
<form class="search" action="/news/search.php" method="get"><input type="text" name="kw" value=""><input type="submit" value="검색"></form>
</div></div>
<div id="gnb"><ul class="inner">
<li><a href="/index.html">홈페이지</a></li>
<li><a href="/news/list.php" class="on">즉시 뉴스</a></li>
<li><a href="/news/list.php?cat=1">산업 클러스터</a></li>
<li><a href="/news/list.php?cat=2">방직 의류</a></li>
<li><a href="/news/list.php?cat=3">정책 법규</a></li>
<li><a href="/news/list.php?cat=4">전시 회의</a></li>
<li><a href="/about.html">회사 소개</a></li>
</ul></div>
<div id="container" class="inner">
<div id="content">
<div class="location"><a href="/index.html">홈페이지</a> &gt; 즉시 뉴스</div>
<h2 class="tit">즉시 뉴스</h2>
<ul class="news-list">
<li><dl><dt><a href="/news/view.php?no=3422">한국산업단지공단, 미니클러스터 6개 추가 선정</a></dt>
<dd class="txt">한국산업단지공단(KICOX)은 9일 상반기 추가 공모를 거쳐 미니클러스터 6개를 새로 선정했다고 밝혔다.</dd>
<dd class="info"><span class="cate">산업 클러스터</span> | <span class="date">2023/5/10 15:30:00</span></dd></dl></li>
<li><dl><dt><a href="/news/view.php?no=3412">섬유산업 클러스터 간담회 27일 개최</a></dt>
<dd class="info"><span class="cate">산업 클러스터</span> | <span class="date">2023/4/26 15:10:00</span></dd></dl></li>
<li><dl><dt><a href="/news/view.php?no=3421">한국산업단지공단, 올해 신규 미니클러스터 10개 선정</a></dt>
<dd class="txt">한국산업단지공단(KICOX)은 25일 산업단지 입주기업의 협력 네트워크를 강화하기 위해 올해 신규 미니클러스터 10개를 선정했다고 밝혔다.</dd>
<dd class="info"><span class="cate">산업 클러스터</span> | <span class="date">2023/4/26 9:30:00</span></dd></dl></li>
<li><dl><dt><a href="/news/view.php?no=3420">공업정보화부: 올해 중소기업 특색산업 클러스터 100개 추가 육성</a></dt>
<dd class="txt">4월 20일 국무원 신문판공실이 개최한 기자회견에서 공업정보화부는 2023년 1분기 공업 및 정보화 발전 상황을 소개했다.</dd>
<dd class="info"><span class="cate">산업 클러스터</span> | <span class="date">2023/4/24 10:52:00</span></dd></dl></li>
<li><dl><dt><a href="/news/view.php?no=3419">두 부처, 면화 목표가격 정책 보완으로 면화 산업사슬 안정 추진</a></dt>
<dd class="txt">국가발전개혁위원회와 재정부는 최근 면화 목표가격 정책의 시행 조치를 보완하는 통지를 발표하고 신강 지역에서 면화 목표가격 정책을 계속 시행하기로 했다.</dd>
<dd class="info"><span class="cate">정책 법규</span> | <span class="date">2023/4/21 16:20:00</span></dd></dl></li>
<li><dl><dt><a href="/news/view.php?no=3417">국가문물국 대표단, 중국실크박물관 현장 조사</a></dt>
<dd class="txt">국가문물국 부국장 일행이 최근 항주에 위치한 중국실크박물관을 방문하여 문물 보호와 전시 운영 상황을 조사했다.</dd>
<dd class="info"><span class="cate">방직 의류</span> | <span class="date">2023/4/20 19:37:00</span></dd></dl></li>
<li><dl><dt><a href="/news/view.php?no=3416">방직 의류 산업 국제 협력 교류회 홍콩에서 개최</a></dt>
<dd class="txt">방직 의류 산업 국제 협력 교류회가 최근 홍콩에서 열려 중국 본토와 홍콩, 동남아시아, 유럽의 기업 대표 300여 명이 참석했다.</dd>
<dd class="info"><span class="cate">전시 회의</span> | <span class="date">2023/4/20 18:45:00</span></dd></dl></li>
</ul>
<div class="paging"><strong>1</strong> <a href="/news/list.php?page=2">2</a> <a href="/news/list.php?page=2">다음 &gt;</a> <span class="total">총 2 페이지</span></div>
</div>
<div id="aside">
<div class="box"><h3>뉴스 분류</h3><ul>
<li><a href="/news/list.php?cat=1">산업 클러스터</a></li>
<li><a href="/news/list.php?cat=2">방직 의류</a></li>
<li><a href="/news/list.php?cat=3">정책 법규</a></li>
<li><a href="/news/list.php?cat=4">전시 회의</a></li>
</ul></div>
<div class="box price"><h3>시장 시세</h3>
<ul><li>중국 면화 가격 지수 3128B : 15,820 위안/톤</li><li>폴리에스터 단섬유 1.4D : 7,350 위안/톤</li><li>비스코스 단섬유 1.2D : 13,100 위안/톤</li></ul>
<p class="note">시세는 참고용이며 투자 판단의 근거가 될 수 없습니다.</p></div>
<div class="box"><h3>주요 전시 일정</h3>
<ul><li>5월 상해 국제 의류 원부자재 전시회</li><li>6월 청도 국제 방직 기계 전시회</li><li>8월 항주 스마트 제조 박람회</li><li>9월 상해 국제 홈 텍스타일 전시회</li><li>10월 광주 수출입상품교역회 추계</li></ul></div>
<div class="box tags"><h3>인기 키워드</h3>
<p><span>면화</span> <span>폴리에스터</span> <span>염색</span> <span>부직포</span> <span>수출</span> <span>디지털 전환</span> <span>녹색 저탄소</span> <span>전문화 특화 신기술</span> <span>브랜드</span> <span>원단</span></p></div>
<div class="box"><h3>고객 센터</h3><p>기사 제보 및 광고 문의<br>전화 : +86-571-0000-0000<br>평일 09:00 ~ 17:30 (북경 시간)</p></div>
</div>
</div>
<div id="footer"><div class="inner">
<p class="flinks"><a href="/about.html">회사 소개</a> | <a href="/about.html#ad">광고 문의</a> | <a href="/about.html#privacy">개인정보 처리방침</a> | <a href="/index.html">홈페이지</a></p>
<p>주소 : 중국 절강성 항주시 서호구 문삼로 000호　대표 전화 : +86-571-0000-0000</p>
<p>절강 ICP 등록 번호 05012345호　본 사이트의 기사는 중국어 원문을 번역한 것으로 일부 표현이 원문과 다를 수 있습니다.</p>
<p class="partner">제휴 매체 : 중국방직보 | 방직복장주간 | 중국면방직신문 | 절강경제일보 산업판 | 항주 무역 정보 센터</p>
<p class="disclaimer">본 사이트에 게재된 모든 기사와 사진, 시세 정보의 저작권은 중국산업정보망 및 원저작자에게 있으며 무단 전재, 재배포, 번역을 금지합니다. 기사 인용 시에는 반드시 출처를 밝혀 주시기 바랍니다. 번역 기사의 내용은 원문 기사의 관점을 반영한 것으로 본 사이트의 입장과 다를 수 있습니다. 시세 정보는 각 거래소와 업계 단체의 공개 자료를 바탕으로 작성되며 정확성을 보장하지 않습니다. 오류 신고와 기사 정정 요청은 고객 센터로 연락해 주시면 확인 후 신속하게 처리하겠습니다.</p>
<p class="copy">Copyright ⓒ 2008-2023 중국산업정보망 All Rights Reserved</p>
</div></div>
</body>
</html>
