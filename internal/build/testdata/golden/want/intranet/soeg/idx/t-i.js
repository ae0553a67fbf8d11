window.labyrintSearch.load("t-i",{"inspiration":"H8T","intern":"I7R"});
