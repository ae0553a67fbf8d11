window.labyrintSearch.load("t-k",{"kan":"DnU"});
