window.labyrintSearch.load("t-a",{"alert":"Fra"});
