window.labyrintSearch.load("t-p",{"prøvesit":"A8T et"});
