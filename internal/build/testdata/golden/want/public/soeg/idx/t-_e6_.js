window.labyrintSearch.load("t-_e6_",{"ærl":"DtRCzf ige ighed"});
