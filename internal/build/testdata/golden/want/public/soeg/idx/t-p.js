window.labyrintSearch.load("t-p",{"prøvesit":"A8R et"});
