document.addEventListener("DOMContentLoaded",function(){var c=document.getElementById("cookie-notice");if(c&&localStorage.getItem("ck")){c.hidden=true;}});
