window.labyrintSearch.load("t-l",{"lil":"A4Z le","lyt":"FsG ter","lær":"IuG e","læs":"AvO"});
