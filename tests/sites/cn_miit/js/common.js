function doZoom(size){var el=document.getElementById("con_con");if(el){el.style.fontSize=size+"px";}}
function createPageHTML(_nPageCount,_nCurrIndex,_sPageName,_sPageExt){
 if(_nPageCount==null||_nPageCount<=1){return;}
 /* static links are already rendered in the page; this mirrors the TRS WCM pager */
 var s="";for(var i=0;i<_nPageCount;i++){s+=(i==_nCurrIndex)?("<span>"+(i+1)+"</span>"):("<a href=\""+(i==0?_sPageName:_sPageName+"_"+i)+"."+_sPageExt+"\">"+(i+1)+"</a>");}
 document.write("<span class=\"pages\">"+s+"</span>");
}
