window.labyrintSearch.load("t-_e6_",{"ærl":"N9J ighed igt"});
