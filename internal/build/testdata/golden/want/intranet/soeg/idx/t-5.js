window.labyrintSearch.load("t-5",{"5678":"CqRAlR"});
