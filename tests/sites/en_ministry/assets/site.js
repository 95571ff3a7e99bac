document.documentElement.className += " js-enabled";
