window.labyrintSearch.load("t-u",{"ung":"Dnc e"});
