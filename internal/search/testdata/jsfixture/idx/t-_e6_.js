window.labyrintSearch.load("t-_e6_",{"ærl":"N9K ighed igt"});
