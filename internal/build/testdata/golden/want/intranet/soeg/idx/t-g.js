window.labyrintSearch.load("t-g",{"gør":"F7R"});
