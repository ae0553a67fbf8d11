window.labyrintSearch.load("t-_e6_",{"ærl":"DteC0S ige ighed"});
