window.labyrintSearch.load("t-u",{"ung":"DnU e"});
