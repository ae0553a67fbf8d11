window.labyrintSearch.load("t-u",{"ung":"DnO e"});
