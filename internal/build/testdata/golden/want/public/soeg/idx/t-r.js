window.labyrintSearch.load("t-r",{"ring":"Dnc er"});
