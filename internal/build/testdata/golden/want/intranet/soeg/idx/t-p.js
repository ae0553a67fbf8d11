window.labyrintSearch.load("t-p",{"prøvesit":"A8U et"});
