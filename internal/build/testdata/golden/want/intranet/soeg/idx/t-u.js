window.labyrintSearch.load("t-u",{"ung":"DnH e"});
