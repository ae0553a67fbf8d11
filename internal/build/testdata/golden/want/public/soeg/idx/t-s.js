window.labyrintSearch.load("t-s",{"se":"GxW","sig":"G7F er","sit":"A4f e","sted":"D4A","støt":"D7U te","svar":"FsK er"});
