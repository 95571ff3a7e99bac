function setFont(s){var z=document.getElementById("zoom");if(z){z.style.fontSize=s+"px";}}
document.addEventListener("DOMContentLoaded",function(){var h=document.getElementById("hits");if(h){h.innerHTML="1024";}});
