window.labyrintSearch.load("t-_e6_",{"ærl":"DtRC0A ige ighed"});
