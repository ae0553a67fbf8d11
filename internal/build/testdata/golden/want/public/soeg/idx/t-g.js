window.labyrintSearch.load("t-g",{"går":"Dnc","gør":"F7R"});
