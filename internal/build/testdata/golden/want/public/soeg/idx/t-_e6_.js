window.labyrintSearch.load("t-_e6_",{"ærl":"DteC0T ige ighed"});
