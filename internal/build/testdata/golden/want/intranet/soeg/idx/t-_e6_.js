window.labyrintSearch.load("t-_e6_",{"ærl":"DtfC1O ige ighed"});
